import { failureResponse, logIn, NO_STORE } from '@/lib/auth';
import type { LoginBody } from '@/lib/contract';
import { storeOrConfigFailure } from '@/lib/session/session-route';
import { tutorialGuard } from '@/lib/users/guard';

// The tutorial's login: any username with DEMO_PASSWORD, as the video has it, throttled where a store is configured.
export async function GET(request: Request) {
  try {
    const login = await logIn(request, tutorialGuard(request));
    if (!login.ok) return failureResponse(login.failure);
    const body: LoginBody = { token: login.token };
    return Response.json(body, { headers: NO_STORE });
  } catch (error) {
    return storeOrConfigFailure(error, '/login');
  }
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/http/method-not-allowed';
