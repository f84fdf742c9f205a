import { NextResponse, type NextRequest } from 'next/server';
import { formatTimingEntry, GATE_TIMING_HEADER, MESSAGES, PAGE_SESSION_COOKIE, VERDICTS, type MessageBody } from '@/lib/contract';
import { checkPageCookie, checkToken, failureResponse, NO_STORE } from '@/lib/auth';
import { AuthConfigError } from '@/lib/auth/config';
import { cookieFromHeader } from '@/lib/http/cookie-header';
import { getTrustProxy, isSameOrigin } from '@/lib/http/forwarded';

// The gate: refuse a request without a valid token before the route runs. It is never the only
// check; the routes verify again (app/(api)/protected/route.ts, lib/api-route.ts), and the account
// page asks the Data Access Layer (lib/dal.ts), so a way around middleware is no way in.
export async function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isPage = (page: string) => pathname === page || pathname.startsWith(`${page}/`);
  // The pages with Server Actions: a POST to them runs an action, and one from another site (or
  // from an opaque `Origin: null`) is refused here, as JSON. Next would refuse it too, by throwing,
  // which answers a 500.
  if ((isPage('/account') || isPage('/sign-in')) && request.method !== 'GET' && request.method !== 'HEAD') {
    const refused = crossSiteRefusal(request);
    if (refused) return refused;
  }
  if (isPage('/sign-in')) return NextResponse.next();
  // The account page: an optimistic look at the pages' session cookie, its signature and claims.
  // Whether its session is alive only the DAL can tell, for no store is reachable at the edge.
  if (isPage('/account')) {
    // The raw header, as the DAL reads it: request.cookies keeps one of two cookies of one name.
    const token = cookieFromHeader(request.headers.get('cookie'), PAGE_SESSION_COOKIE) ?? undefined;
    if (await checkPageCookie(token)) return NextResponse.next();
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

/** A 403 for a POST that does not come from this site (lib/http/forwarded.ts), timed as the gate's refusal; null for one that does. */
function crossSiteRefusal(request: NextRequest): Response | null {
  const started = performance.now();
  let response: Response;
  try {
    if (isSameOrigin(request, getTrustProxy())) return null;
    response = Response.json({ message: MESSAGES.crossSitePost } satisfies MessageBody, { status: 403, headers: NO_STORE });
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    response = failureResponse({ kind: 'config', message: error.message });
  }
  response.headers.set('Server-Timing', formatTimingEntry({ layer: 'gate', ms: performance.now() - started, verdict: VERDICTS.refused }));
  return response;
}

export const config = {
  matcher: ['/protected', '/api/:path*', '/account/:path*', '/sign-in/:path*'],
};
