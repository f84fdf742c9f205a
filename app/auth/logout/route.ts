import { checkCsrfToken } from '@/lib/auth';
import { CSRF_HEADER } from '@/lib/contract';
import { csrfRefusedResponse, isSameOrigin, loggedOutResponse, presentedRefreshToken, sessionRoute } from '@/lib/session';

// Ends the session in the store, so its refresh token and every access token of it stop working.
// With no session to end, it still clears the cookies: logging out twice is fine.
export async function POST(request: Request) {
  return sessionRoute('/auth/logout', async ({ config, store, trustProxy }) => {
    if (!isSameOrigin(request, trustProxy)) return csrfRefusedResponse();
    const presented = await presentedRefreshToken(config, request);
    if (!presented) return loggedOutResponse();
    if (!(await checkCsrfToken(config, presented.sid, request.headers.get(CSRF_HEADER)))) return csrfRefusedResponse();
    await store.revoke(presented.sid);
    return loggedOutResponse();
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/post-only';
