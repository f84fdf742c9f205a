import { failureResponse, logIn, NO_STORE, unexpectedErrorResponse } from '@/lib/auth';
import type { LoginBody } from '@/lib/contract';

export async function GET(request: Request) {
  try {
    const login = await logIn(request);
    if (!login.ok) return failureResponse(login.failure);
    const body: LoginBody = { token: login.token };
    return Response.json(body, { headers: NO_STORE });
  } catch (error) {
    return unexpectedErrorResponse(error, '/login');
  }
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/http/method-not-allowed';
