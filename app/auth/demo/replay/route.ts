import { checkCsrfToken, signRefreshToken } from '@/lib/auth';
import { CSRF_HEADER, MESSAGES, REFRESH_COOKIE, type MessageBody, type ReplayDemoBody } from '@/lib/contract';
import { csrfRefusedResponse, isSameOrigin, presentedRefreshToken, refreshRefusedResponse, sessionRoute } from '@/lib/session';
import { POST as refresh } from '../../refresh/route';

// For the walkthrough page's "replay a spent refresh token" step. The page cannot read the
// refresh cookie (HttpOnly), so it asks the server to play the thief: sign the session's spent
// refresh token again (HS256 gives the same bytes), and send it to /auth/refresh exactly as a
// thief holding a copy would. Harmless anywhere, production included: only the session's own
// holder can ask (its live cookie, its CSRF token, this site's Origin), and the worst it can do
// is what the thief would do, revoke that one session, which logging out does too.
export async function POST(request: Request) {
  return sessionRoute('/auth/demo/replay', async ({ config, store, graceSeconds }) => {
    if (!isSameOrigin(request)) return csrfRefusedResponse();
    const live = await presentedRefreshToken(config, request);
    if (!live) return refreshRefusedResponse();
    const csrf = request.headers.get(CSRF_HEADER);
    if (!(await checkCsrfToken(config, live.sid, csrf))) return csrfRefusedResponse();

    const spent = await store.spent(live.sid, Date.now());
    if (!spent) return Response.json({ message: MESSAGES.nothingSpent } satisfies MessageBody, { status: 409 });
    // Within the grace window a replay is a second tab, not a theft: wait it out, as a thief's replay would.
    const wait = Math.ceil((spent.rotatedAt + graceSeconds * 1000 - Date.now()) / 1000);
    if (wait > 0) {
      const message = `The grace window is open for ${wait} s more: a replay now gets the same successor, as a second tab does.`;
      return Response.json({ message } satisfies MessageBody, { status: 409, headers: { 'Retry-After': String(wait) } });
    }

    const token = await signRefreshToken(config, {
      user: live.user,
      sid: live.sid,
      jti: spent.jti,
      iat: spent.iat,
      exp: Math.min(spent.iat + config.refreshTtlSeconds, spent.end),
    });
    const headers = { Cookie: `${REFRESH_COOKIE}=${token}`, Origin: request.headers.get('origin') ?? new URL(request.url).origin, [CSRF_HEADER]: csrf! };
    const answer = await refresh(new Request(new URL('/auth/refresh', request.url), { method: 'POST', headers: { ...headers, host: request.headers.get('host') ?? '' } }));
    // The thief's answer goes to the thief: no Set-Cookie reaches this browser.
    const body: ReplayDemoBody = {
      // The spent token is shown by its jti and shortened: the page never holds a refresh token.
      replayed: { method: 'POST', path: '/auth/refresh', jti: spent.jti, headers: { ...headers, Cookie: `${REFRESH_COOKIE}=${token.slice(0, 12)}…${token.slice(-8)}` } },
      status: answer.status,
      body: await answer.json(),
    };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/post-only';
