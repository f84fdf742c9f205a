import { NextResponse, type NextRequest } from 'next/server';
import { GATE_TIMING_HEADER } from '@/lib/contract';
import { checkToken } from '@/lib/auth';

// The gate: refuse a request without a valid token before the route runs. It is never the only
// check; app/(api)/protected/route.ts verifies again, so a way around middleware is no way in.
export async function middleware(request: NextRequest) {
  // The /api routes take a session's access token only: a tutorial token is refused here already.
  const check = await checkToken(request, 'gate', { requireSession: request.nextUrl.pathname.startsWith('/api/') });
  if (!check.ok) return check.response;
  // The gate's Server-Timing entry travels to the route in a request header (set here, so a
  // client cannot supply its own): under `next start` a response header set on the pass-through
  // would replace the route's Server-Timing instead of joining it.
  const headers = new Headers(request.headers);
  headers.set(GATE_TIMING_HEADER, check.serverTiming);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/protected', '/api/:path*'],
};
