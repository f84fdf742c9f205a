import { checkToken, NO_STORE } from '@/lib/auth';
import { MESSAGES, type ProtectedBody } from '@/lib/contract';
import { sessionLookup } from '@/lib/session/lookup';

export async function GET(request: Request) {
  // Verified again here: middleware is a gate, never the only check. A session's token must also
  // belong to a live session, which only a Node route can ask the store.
  const check = await checkToken(request, 'route', { sessions: sessionLookup });
  if (!check.ok) return check.response;
  const body: ProtectedBody = { message: MESSAGES.protected, user: check.user };
  return Response.json(body, { headers: { ...NO_STORE, 'Server-Timing': check.serverTiming } });
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/http/method-not-allowed';
