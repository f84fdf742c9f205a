import { signRefreshToken } from '@/lib/auth/token';
import { CSRF_HEADER, MESSAGES, REFRESH_COOKIE, type MessageBody, type ReplayDemoBody } from '@/lib/contract';
import { checkCsrfToken } from '@/lib/session/csrf';
import { isSameOrigin } from '@/lib/http/forwarded';
import { presentedCsrfToken, presentedRefreshToken, refreshAnswer } from '@/lib/session/refresh';
import { csrfRefusedResponse, refreshRefusedResponse } from '@/lib/session/responses';
import { sessionRoute } from '@/lib/session/session-route';

// For the walkthrough page's "replay a spent refresh token" step. The page cannot read the
// refresh cookie (HttpOnly), so it asks the server to play the thief: sign the session's spent
// refresh token again (HS256 gives the same bytes), and present it to the refresh as a thief
// holding a copy would. Harmless anywhere, production included: only the session's own holder can
// ask (its live cookie, its CSRF token, this site's Origin), and the worst it can do is what the
// thief would do, revoke that one session, which logging out does too.
export async function POST(request: Request) {
  return sessionRoute('/auth/demo/replay', async (context) => {
    const { config, stores, graceSeconds, trustProxy } = context;
    const store = stores.sessions;
    if (!isSameOrigin(request, trustProxy)) return csrfRefusedResponse();
    const live = await presentedRefreshToken(config, request);
    if (!live) return refreshRefusedResponse();
    const csrf = presentedCsrfToken(request);
    if (!(await checkCsrfToken(config, live.sid, csrf))) return csrfRefusedResponse();

    const spent = await store.spent(live.sid, Date.now());
    if (!spent) {
      // An ended session has nothing to replay: its cookie is refused, as at /auth/refresh.
      if (!(await store.isLive(live.sid, Date.now()))) return refreshRefusedResponse();
      return Response.json({ message: MESSAGES.nothingSpent } satisfies MessageBody, { status: 409, headers: { 'Cache-Control': 'no-store' } });
    }
    // Within the grace window a replay is a second tab, not a theft: wait it out, as a thief's replay would.
    const wait = Math.ceil((spent.rotatedAt + graceSeconds * 1000 - Date.now()) / 1000);
    if (wait > 0) {
      const message = `The grace window is open for ${wait} s more: a replay now gets the same successor, as a second tab does.`;
      return Response.json({ message } satisfies MessageBody, { status: 409, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } });
    }

    const token = await signRefreshToken(config, {
      sub: live.sub,
      user: live.user,
      roles: live.roles,
      sid: live.sid,
      jti: spent.jti,
      iat: spent.iat,
      exp: Math.min(spent.iat + config.refreshTtlSeconds, spent.end),
    });
    // The thief's answer goes to the thief: no Set-Cookie reaches this browser.
    const answer = await refreshAnswer(context, token, csrf);
    // What the thief sends, as the page shows it: the spent token by its jti and shortened, for the
    // page never holds a refresh token.
    const headers = { Cookie: `${REFRESH_COOKIE}=${token.slice(0, 12)}…${token.slice(-8)}`, Origin: request.headers.get('origin') ?? '', [CSRF_HEADER]: csrf! };
    const body: ReplayDemoBody = {
      replayed: { method: 'POST', path: '/auth/refresh', jti: spent.jti, headers },
      status: answer.status,
      body: await answer.json(),
    };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/http/post-only';
