import { checkToken, NO_STORE } from '@/lib/auth';
import { MESSAGES, type ProtectedBody } from '@/lib/contract';
import { methodsNotAllowed } from '@/lib/http/method-not-allowed';
import { sessionLookup } from '@/lib/session/lookup';

export async function GET(request: Request) {
  // Verified again here: middleware is a gate, never the only check. A session's token must also
  // belong to a live session, which only a Node route can ask the store.
  const check = await checkToken(request, 'route', { sessions: sessionLookup });
  if (!check.ok) return check.response;
  const body: ProtectedBody = { message: MESSAGES.protected, user: check.user };
  return Response.json(body, { headers: { ...NO_STORE, 'Server-Timing': check.serverTiming } });
}

// The gate checked the token of these too; the route serves nothing on them, so it checks no more.
const { notAllowed, options } = methodsNotAllowed('GET, HEAD, OPTIONS', MESSAGES.onlyGet, { gated: true });

export { notAllowed as DELETE, options as OPTIONS, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
