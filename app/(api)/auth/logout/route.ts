import { checkCsrfToken } from '@/lib/session/csrf';
import { isSameOrigin } from '@/lib/http/forwarded';
import { presentedCsrfToken, presentedRefreshToken } from '@/lib/session/refresh';
import { csrfRefusedResponse, loggedOutResponse } from '@/lib/session/responses';
import { sessionRoute } from '@/lib/session/session-route';

// Ends the session in the store, so its refresh token and every access token of it stop working.
// With no session to end, it still clears the cookies: logging out twice is fine.
export async function POST(request: Request) {
  return sessionRoute('/auth/logout', async ({ config, stores, trustProxy }) => {
    if (!isSameOrigin(request, trustProxy)) return csrfRefusedResponse();
    const presented = await presentedRefreshToken(config, request);
    if (!presented) return loggedOutResponse();
    if (!(await checkCsrfToken(config, presented.sid, presentedCsrfToken(request)))) return csrfRefusedResponse();
    await stores.sessions.revoke(presented.sid);
    return loggedOutResponse();
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/http/post-only';
