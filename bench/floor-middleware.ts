import { NextResponse } from 'next/server';

// The bench's floor: copied over middleware.ts in bench/.floor, so /protected and /account run the
// same pipeline as the real app (an edge middleware passes the request on, then the route verifies
// the token, or the page asks the DAL) with no token work in the middleware. What the real gate
// costs is measured against this.
export function middleware() {
  return NextResponse.next();
}

export const config = {
  matcher: ['/protected', '/api/:path*', '/account/:path*'],
};
