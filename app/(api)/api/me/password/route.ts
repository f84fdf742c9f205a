import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody } from '@/lib/contract';
import { clientIp, getTrustProxy } from '@/lib/http/forwarded';
import { invalidField, readJsonObject } from '@/lib/http/json-body';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { getUsersConfig } from '@/lib/users/config';
import { changeOwnPassword, checkPasswordChange } from '@/lib/users/own-password';

// The caller's own password: 204 once changed, every other session of theirs ended and this one
// going on; 403 for a wrong current password, counted as a failed login of the name (429 once it
// locks); 409 when another change won meanwhile.

export async function PUT(request: Request) {
  return apiRoute(request, 'PUT /api/me/password', 'user', async ({ caller, stores }) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const change = await checkPasswordChange(body.value, caller.name);
    if (!change.ok) return invalidField(change.field, change.message);
    const ipKnown = clientIp(request, getTrustProxy()) !== null;
    const outcome = await changeOwnPassword(stores, getUsersConfig().throttle, caller, change.value, ipKnown);
    if (outcome.ok) return new Response(null, { status: 204 });
    if (outcome.reason === 'throttled') {
      return Response.json({ message: MESSAGES.tooManyLogins } satisfies MessageBody, { status: 429, headers: { 'Retry-After': String(outcome.retryAfter) } });
    }
    if (outcome.reason === 'wrong_current') return Response.json({ message: MESSAGES.wrongCurrentPassword } satisfies MessageBody, { status: 403 });
    return Response.json({ message: MESSAGES.passwordChangedMeanwhile } satisfies MessageBody, { status: 409 });
  });
}

export const { DELETE, GET, OPTIONS, PATCH, POST } = apiMethods('PUT, OPTIONS');
