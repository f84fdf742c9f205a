import { REFRESH_COOKIE } from '@/lib/contract';
import { csrfRefusedResponse, isSameOrigin, presentedCsrfToken, readCookie, refreshAnswer, sessionRoute } from '@/lib/session';

// The refresh cookie alone is never enough: a cross-site request carries no cookie (SameSite), and
// must also show this site's Origin and the session's CSRF token, which another site cannot read.
export async function POST(request: Request) {
  return sessionRoute('/auth/refresh', async (context) => {
    if (!isSameOrigin(request, context.trustProxy)) return csrfRefusedResponse();
    return refreshAnswer(context, readCookie(request, REFRESH_COOKIE), presentedCsrfToken(request));
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/post-only';
