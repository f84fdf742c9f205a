import { failureResponse, readLogin } from '@/lib/auth';
import { DEVICE_COOKIE } from '@/lib/contract';
import { clientIp } from '@/lib/http/forwarded';
import { readCookie } from '@/lib/session/cookies';
import { issuedResponse, withoutBrowserDialog } from '@/lib/session/responses';
import { sessionRoute } from '@/lib/session/session-route';
import { startUserSession } from '@/lib/session/sessions';
import { deviceTokenFor } from '@/lib/users/devices';
import { throttleGuard } from '@/lib/users/guard';
import { userForCredentials } from '@/lib/users/login';

// A real user's login, behind the throttle; it starts a session that can end, instead of a token that cannot.
export async function POST(request: Request) {
  return sessionRoute('/auth/login', async ({ config, stores, trustProxy, users }) => {
    const login = readLogin(request, (c) => c.accessTtlSeconds);
    if (!login.ok) return withoutBrowserDialog(request, failureResponse(login.failure));
    const { credentials } = login;
    const client = { ip: clientIp(request, trustProxy), deviceToken: readCookie(request, DEVICE_COOKIE) };
    const guard = throttleGuard(stores.throttle, users.throttle, config, client);
    const user = await guard(credentials?.username ?? null, async () => (credentials ? userForCredentials(stores.users, credentials) : null));
    if (!user.ok) return withoutBrowserDialog(request, failureResponse(user.failure));
    const session = await startUserSession(config, stores, user.value, login.ttlSeconds, request.headers.get('user-agent'));
    // Removed meanwhile: no such user any more.
    if (!session) return withoutBrowserDialog(request, failureResponse({ kind: 'bad_credentials' }));
    return issuedResponse(session, await deviceTokenFor(config, user.value.name));
  });
}

export { DELETE, GET, OPTIONS, PATCH, PUT } from '@/lib/http/post-only';
