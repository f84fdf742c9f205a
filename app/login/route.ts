import { failureResponse, logIn, NO_STORE } from '@/lib/auth';

export async function GET(request: Request) {
  const login = await logIn(request);
  if (!login.ok) return failureResponse(login.failure);
  return Response.json({ token: login.token }, { headers: NO_STORE });
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/method-not-allowed';
