import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplayDemoBody, SessionTokenBody } from '@/lib/contract';
import { basicHeader, hostileRefreshCookies } from '@/test/hostile-cases';
import { signingKeyEnv } from '@/test/signing-keys';
import { GET as getProtected } from '../protected/route';
import { GET as getLogin } from '../login/route';
import { POST as logIn } from './login/route';
import { POST as logOut } from './logout/route';
import { POST as replay } from './demo/replay/route';
import { POST as refresh } from './refresh/route';

// The session routes called directly, on the memory store (NODE_ENV is "test"). e2e/sessions.spec.ts
// runs the same contract against the production server, on Redis and on memory.

const SECRET = 'auth-routes-test-secret-0123456789abcdefgh';
const ORIGIN = 'http://app.test';

function post(path: string, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { host: 'app.test', ...headers } });
}

/** The cookies a response sets, as name → value. */
function setCookies(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(';')[0]!.split(/=(.*)/s).slice(0, 2)));
}

async function start(ttl = '') {
  const response = await logIn(post(`/auth/login${ttl}`, { authorization: basicHeader('alice:password') }));
  expect(response.status).toBe(200);
  const body = (await response.json()) as SessionTokenBody;
  return { response, body, refreshToken: setCookies(response).refresh_token!, csrf: body.csrf_token };
}

const sameSite = (refreshToken: string, csrf: string) => ({ origin: ORIGIN, cookie: `refresh_token=${refreshToken}`, 'x-csrf-token': csrf });
const protectedWith = (token: string) => getProtected(new Request(`${ORIGIN}/protected`, { headers: { authorization: `Bearer ${token}` } }));

beforeEach(() => {
  vi.stubEnv('JWT_SECRET', SECRET);
  vi.stubEnv('JWT_SIGNING_KEY', signingKeyEnv());
  vi.stubEnv('REFRESH_GRACE_SECONDS', '10');
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('POST /auth/login', () => {
  it('answers an access token and a CSRF token, and sets the refresh cookie and the CSRF cookie', async () => {
    const { response, body, refreshToken } = await start();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, csrf_token: expect.any(String) });
    expect(decodeProtectedHeader(body.access_token).typ).toBe('at+jwt');
    expect(decodeJwt(body.access_token)).toEqual({
      sub: expect.any(String),
      user: 'alice',
      roles: ['admin'],
      sid: expect.any(String),
      jti: expect.any(String),
      iss: 'nextjs-jwt-auth',
      aud: 'nextjs-jwt-auth/api',
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(decodeProtectedHeader(refreshToken).typ).toBe('rt+jwt');
    expect(setCookies(response).csrf_token).toBe(body.csrf_token);
  });

  it('gives the access token the life ?ttl= asks for, up to ACCESS_TTL_SECONDS', async () => {
    const { body } = await start('?ttl=15');
    expect(body.expires_in).toBe(15);
    const refused = await logIn(post('/auth/login?ttl=301', { authorization: basicHeader('alice:password') }));
    expect(refused.status).toBe(400);
  });

  it('refuses wrong credentials as GET /login does, and sets no cookie', async () => {
    const response = await logIn(post('/auth/login', { authorization: basicHeader('alice:wrong') }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Login Required"');
    expect(await response.json()).toEqual({ message: 'Could not verify!' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("leaves the Basic challenge out for a page's fetch, so the browser opens no password dialog", async () => {
    for (const mode of ['cors', 'same-origin']) {
      const response = await logIn(post('/auth/login', { authorization: basicHeader('alice:wrong'), 'sec-fetch-mode': mode }));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate'), mode).toBeNull();
    }
    const navigation = await logIn(post('/auth/login', { authorization: basicHeader('alice:wrong'), 'sec-fetch-mode': 'navigate' }));
    expect(navigation.headers.get('www-authenticate')).toBe('Basic realm="Login Required"');
  });
});

describe('POST /auth/refresh', () => {
  it('rotates: a new access token and a new refresh cookie, and the presented one is spent', async () => {
    const { refreshToken, csrf, body } = await start();
    vi.setSystemTime(Date.now() + 1000);
    const response = await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)));
    expect(response.status).toBe(200);
    const next = (await response.json()) as { access_token: string };
    expect(decodeJwt(next.access_token).jti).not.toBe(decodeJwt(body.access_token).jti);
    expect(setCookies(response).refresh_token).not.toBe(refreshToken);
  });

  it('answers a spent token within the grace window with the same successor', async () => {
    const { refreshToken, csrf } = await start();
    const first = setCookies(await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).refresh_token;
    vi.setSystemTime(Date.now() + 9_000);
    const again = await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)));
    expect(again.status).toBe(200);
    expect(setCookies(again).refresh_token).toBe(first);
  });

  it('revokes the whole session when a spent token comes back after the grace window', async () => {
    const { refreshToken, csrf, body } = await start();
    const successor = setCookies(await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).refresh_token!;
    vi.setSystemTime(Date.now() + 10_000);
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    const replay = await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)));
    expect(replay.status).toBe(401);
    expect(setCookies(replay)).toEqual({ refresh_token: '', csrf_token: '', session: '' });
    expect((await refresh(post('/auth/refresh', sameSite(successor, csrf)))).status).toBe(401);
    const revoked = await protectedWith(body.access_token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ message: 'Token is invalid!', reason: 'revoked' });
  });

  it('wants the session\'s CSRF token and this site\'s Origin besides the cookie', async () => {
    const { refreshToken, csrf } = await start();
    const other = await start();
    const cases: Record<string, Record<string, string>> = {
      'no X-CSRF-Token': { origin: ORIGIN, cookie: `refresh_token=${refreshToken}` },
      'a wrong X-CSRF-Token': sameSite(refreshToken, 'x'.repeat(43)),
      "another session's CSRF token": sameSite(refreshToken, other.csrf),
      'an Origin of another site': { ...sameSite(refreshToken, csrf), origin: 'https://evil.example' },
      'Origin null': { ...sameSite(refreshToken, csrf), origin: 'null' },
      'no Origin and a cross-site fetch': { cookie: `refresh_token=${refreshToken}`, 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' },
      'no Origin and no Sec-Fetch-Site': { cookie: `refresh_token=${refreshToken}`, 'x-csrf-token': csrf },
    };
    for (const [what, headers] of Object.entries(cases)) {
      expect((await refresh(post('/auth/refresh', headers))).status, what).toBe(403);
    }
    // None of them spent the token.
    const ok = await refresh(post('/auth/refresh', { cookie: `refresh_token=${refreshToken}`, 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' }));
    expect(ok.status).toBe(200);
  });

  it('refuses Fetch Metadata of another site, and an Origin of this host under another scheme, with the right CSRF token', async () => {
    const { refreshToken, csrf } = await start();
    for (const headers of [
      { ...sameSite(refreshToken, csrf), 'sec-fetch-site': 'cross-site' },
      { ...sameSite(refreshToken, csrf), 'sec-fetch-site': 'same-site' },
      { ...sameSite(refreshToken, csrf), origin: 'https://app.test' },
    ]) {
      expect((await refresh(post('/auth/refresh', headers))).status, JSON.stringify(headers)).toBe(403);
      expect((await logOut(post('/auth/logout', headers))).status, JSON.stringify(headers)).toBe(403);
    }
    expect((await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).status).toBe(200);
  });

  it('believes X-Forwarded-Host only from a trusted proxy (TRUST_PROXY=1)', async () => {
    const { refreshToken, csrf } = await start();
    const forged = { ...sameSite(refreshToken, csrf), origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect((await refresh(post('/auth/refresh', forged))).status).toBe(403);
    vi.stubEnv('TRUST_PROXY', '1');
    const proxied = { ...sameSite(refreshToken, csrf), host: '10.0.0.5:3000', origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' };
    expect((await refresh(post('/auth/refresh', proxied))).status).toBe(200);
  });

  it('refuses a missing, tampered or expired refresh cookie with 401, clearing the cookies', async () => {
    const { refreshToken, csrf } = await start();
    const [h, p, s] = refreshToken.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(refreshToken), user: 'admin' })).toString('base64url')}.${s}`;
    for (const cookie of ['', 'refresh_token=', `refresh_token=${tampered}`, `refresh_token=${h}.${p}`]) {
      const response = await refresh(post('/auth/refresh', { origin: ORIGIN, cookie, 'x-csrf-token': csrf }));
      expect(response.status, cookie).toBe(401);
      expect(setCookies(response)).toEqual({ refresh_token: '', csrf_token: '', session: '' });
    }
    vi.setSystemTime(Date.now() + 86_400_000);
    expect((await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).status).toBe(401);
  });
});

describe('hostile refresh cookies', () => {
  const names = hostileRefreshCookies(SECRET, 0, 'sid').map((c) => c.name);

  it.each(names)('refuses %s, and never with a 200 or a 5xx', async (name) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A real session per case, whose sid the forged token names.
    const { refreshToken, csrf } = await start();
    const sid = decodeJwt(refreshToken).sid as string;
    const { token } = hostileRefreshCookies(SECRET, Math.floor(Date.now() / 1000), sid).find((c) => c.name === name)!;
    const response = await refresh(post('/auth/refresh', { origin: ORIGIN, cookie: `refresh_token=${token}`, 'x-csrf-token': csrf }));
    expect([401, 403]).toContain(response.status);
  });
});

describe('POST /auth/logout', () => {
  it('ends the session: its access token is revoked at /protected, while a tutorial token still works', async () => {
    const { refreshToken, csrf, body } = await start();
    expect((await protectedWith(body.access_token)).status).toBe(200);
    const tutorial = (await (await getLogin(new Request(`${ORIGIN}/login`, { headers: { authorization: basicHeader('alice:password') } }))).json()) as { token: string };

    const response = await logOut(post('/auth/logout', sameSite(refreshToken, csrf)));
    expect(response.status).toBe(204);
    expect(setCookies(response)).toEqual({ refresh_token: '', csrf_token: '', session: '' });
    expect((await protectedWith(body.access_token)).status).toBe(401);
    expect((await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).status).toBe(401);
    expect((await protectedWith(tutorial.token)).status).toBe(200);

    expect((await logOut(post('/auth/logout', sameSite(refreshToken, csrf)))).status).toBe(204);
    expect((await logOut(post('/auth/logout', { origin: ORIGIN }))).status).toBe(204);
  });

  it('wants the CSRF token when there is a session to end', async () => {
    const { refreshToken, body } = await start();
    expect((await logOut(post('/auth/logout', { origin: ORIGIN, cookie: `refresh_token=${refreshToken}` }))).status).toBe(403);
    expect((await protectedWith(body.access_token)).status).toBe(200);
  });
});

describe('POST /auth/demo/replay', () => {
  it('replays the spent refresh token as a thief would, after the grace window: 401, and the session is revoked', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { refreshToken, csrf, body } = await start();
    expect((await replay(post('/auth/demo/replay', sameSite(refreshToken, csrf)))).status).toBe(409);

    const live = setCookies(await refresh(post('/auth/refresh', sameSite(refreshToken, csrf)))).refresh_token!;
    const early = await replay(post('/auth/demo/replay', sameSite(live, csrf)));
    expect(early.status).toBe(409);
    expect(early.headers.get('retry-after')).toBe('10');

    vi.setSystemTime(Date.now() + 10_000);
    const response = await replay(post('/auth/demo/replay', sameSite(live, csrf)));
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const answer = (await response.json()) as ReplayDemoBody;
    expect(answer).toMatchObject({ replayed: { method: 'POST', path: '/auth/refresh', jti: decodeJwt(refreshToken).jti }, status: 401 });
    const cookie = answer.replayed.headers.Cookie ?? '';
    expect(cookie).not.toContain(refreshToken);
    expect(cookie.startsWith(`refresh_token=${refreshToken.slice(0, 12)}`)).toBe(true);

    expect((await protectedWith(body.access_token)).status).toBe(401);
    expect((await refresh(post('/auth/refresh', sameSite(live, csrf)))).status).toBe(401);
  });

  it('works behind a trusted proxy that sets X-Forwarded-Host: the thief is refused and the session revoked', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('TRUST_PROXY', '1');
    const proxied = (token: string, csrf: string) => ({ ...sameSite(token, csrf), host: '10.0.0.5:3000', origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' });
    const { refreshToken, csrf, body } = await start();
    const live = setCookies(await refresh(post('/auth/refresh', proxied(refreshToken, csrf)))).refresh_token!;
    vi.setSystemTime(Date.now() + 10_000);
    const response = await replay(post('/auth/demo/replay', proxied(live, csrf)));
    expect(response.status).toBe(200);
    expect(((await response.json()) as ReplayDemoBody).status).toBe(401);
    expect((await protectedWith(body.access_token)).status).toBe(401);
  });

  it('refuses the cookie of a session that has ended with 401, as /auth/refresh does, not a 409', async () => {
    const { refreshToken, csrf } = await start();
    expect((await logOut(post('/auth/logout', sameSite(refreshToken, csrf)))).status).toBe(204);
    const response = await replay(post('/auth/demo/replay', sameSite(refreshToken, csrf)));
    expect(response.status).toBe(401);
    expect(setCookies(response)).toEqual({ refresh_token: '', csrf_token: '', session: '' });
  });

  it('asks what /auth/refresh asks: the live cookie, its CSRF token, this site', async () => {
    const { refreshToken, csrf } = await start();
    expect((await replay(post('/auth/demo/replay', { ...sameSite(refreshToken, csrf), 'x-csrf-token': '' }))).status).toBe(403);
    expect((await replay(post('/auth/demo/replay', { ...sameSite(refreshToken, csrf), origin: 'https://evil.example' }))).status).toBe(403);
    expect((await replay(post('/auth/demo/replay', { origin: ORIGIN, 'x-csrf-token': csrf }))).status).toBe(401);
  });
});

describe('production with no store configured', () => {
  it('answers the session routes and session tokens with 503 naming REDIS_URL, and leaves the tutorial alone', async () => {
    const { body } = await start();
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('REDIS_URL', '');
    vi.stubEnv('KV_URL', '');
    vi.stubEnv('AUTH_STORE', '');
    const login = await logIn(post('/auth/login', { authorization: basicHeader('alice:password') }));
    expect(login.status).toBe(503);
    expect(((await login.json()) as { message: string }).message).toMatch(/REDIS_URL/);
    const session = await protectedWith(body.access_token);
    expect(session.status).toBe(503);
    expect(session.headers.get('server-timing')).toMatch(/^route;dur=[\d.]+;desc="unavailable"$/);
    const tutorial = (await (await getLogin(new Request(`${ORIGIN}/login`, { headers: { authorization: basicHeader('alice:password') } }))).json()) as { token: string };
    expect((await protectedWith(tutorial.token)).status).toBe(200);
  });
});
