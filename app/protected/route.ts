import { authenticate, failureResponse, MESSAGES, NO_STORE } from '@/lib/auth';

export async function GET(request: Request) {
  // Verified again here: middleware is a gate, never the only check.
  const auth = await authenticate(request);
  if (!auth.ok) return failureResponse(auth.failure);
  return Response.json({ message: MESSAGES.protected, user: auth.user }, { headers: NO_STORE });
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/method-not-allowed';
