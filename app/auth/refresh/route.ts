import { checkCsrfToken } from '@/lib/auth';
import { CSRF_HEADER } from '@/lib/contract';
import {
  csrfRefusedResponse,
  isSameOrigin,
  issuedResponse,
  presentedRefreshToken,
  refreshRefusedResponse,
  refreshSession,
  sessionRoute,
} from '@/lib/session';

// The refresh cookie alone is never enough: a cross-site request carries no cookie (SameSite), and
// must also show this site's Origin and the session's CSRF token, which another site cannot read.
export async function POST(request: Request) {
  return sessionRoute('/auth/refresh', async ({ config, store, graceSeconds }) => {
    if (!isSameOrigin(request)) return csrfRefusedResponse();
    const presented = await presentedRefreshToken(config, request);
    if (!presented) return refreshRefusedResponse();
    if (!(await checkCsrfToken(config, presented.sid, request.headers.get(CSRF_HEADER)))) return csrfRefusedResponse();

    const refreshed = await refreshSession(config, store, presented, graceSeconds);
    if (refreshed.outcome === 'reused') console.warn('A spent refresh token came back after the grace window: its session is revoked.');
    return refreshed.ok ? issuedResponse(refreshed.issued) : refreshRefusedResponse();
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/post-only';
