import { checkToken, NO_STORE } from '@/lib/auth';
import { MESSAGES, type ProtectedBody } from '@/lib/contract';

export async function GET(request: Request) {
  // Verified again here: middleware is a gate, never the only check.
  const check = await checkToken(request, 'route');
  if (!check.ok) return check.response;
  const body: ProtectedBody = { message: MESSAGES.protected, user: check.user };
  return Response.json(body, { headers: { ...NO_STORE, 'Server-Timing': check.serverTiming } });
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/method-not-allowed';
