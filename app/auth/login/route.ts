import { checkLogin, failureResponse } from '@/lib/auth';
import { issuedResponse, withoutBrowserDialog } from '@/lib/session/responses';
import { sessionRoute } from '@/lib/session/session-route';
import { startSession } from '@/lib/session/sessions';

// Same credential rules as GET /login; starts a session that can end, instead of a token that cannot.
export async function POST(request: Request) {
  return sessionRoute('/auth/login', async ({ config, store }) => {
    const login = await checkLogin(request, (c) => c.accessTtlSeconds);
    if (!login.ok) return withoutBrowserDialog(request, failureResponse(login.failure));
    return issuedResponse(await startSession(config, store, login.username, login.ttlSeconds));
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/http/post-only';
