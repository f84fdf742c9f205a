import { REFRESH_COOKIE } from '@/lib/contract';
import { readCookie } from '@/lib/session/cookies';
import { isSameOrigin } from '@/lib/http/forwarded';
import { presentedCsrfToken, refreshAnswer } from '@/lib/session/refresh';
import { csrfRefusedResponse } from '@/lib/session/responses';
import { sessionRoute } from '@/lib/session/session-route';

// The refresh cookie alone is never enough: a cross-site request carries no cookie (SameSite), and
// must also show this site's Origin and the session's CSRF token, which another site cannot read.
export async function POST(request: Request) {
  return sessionRoute('/auth/refresh', async (context) => {
    if (!isSameOrigin(request, context.trustProxy)) return csrfRefusedResponse();
    return refreshAnswer(context, readCookie(request, REFRESH_COOKIE), presentedCsrfToken(request));
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/http/post-only';
