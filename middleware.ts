import { NextResponse, type NextRequest } from 'next/server';
import { GATE_TIMING_HEADER, PAGE_SESSION_COOKIE } from '@/lib/contract';
import { checkPageCookie, checkToken } from '@/lib/auth';

// The gate: refuse a request without a valid token before the route runs. It is never the only
// check; the routes verify again (app/(api)/protected/route.ts, lib/api-route.ts), and the account
// page asks the Data Access Layer (lib/dal.ts), so a way around middleware is no way in.
export async function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // The account page: an optimistic look at the pages' session cookie, its signature and claims.
  // Whether its session is alive only the DAL can tell, for no store is reachable at the edge.
  if (pathname === '/account' || pathname.startsWith('/account/')) {
    if (await checkPageCookie(request.cookies.get(PAGE_SESSION_COOKIE)?.value)) return NextResponse.next();
    return NextResponse.redirect(new URL('/sign-in', request.url));
  }
  // The /api routes take a session's access token only: a tutorial token is refused here already.
  const check = await checkToken(request, 'gate', { requireSession: pathname.startsWith('/api/') });
  if (!check.ok) return check.response;
  // The gate's Server-Timing entry travels to the route in a request header (set here, so a
  // client cannot supply its own): under `next start` a response header set on the pass-through
  // would replace the route's Server-Timing instead of joining it.
  const headers = new Headers(request.headers);
  headers.set(GATE_TIMING_HEADER, check.serverTiming);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/protected', '/api/:path*', '/account/:path*'],
};
