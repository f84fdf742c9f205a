import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './openapi';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { MESSAGES, type SessionTokenBody } from '@/lib/contract';
import { COOKIES, cookieValue, sameSitePost, sessionLogin, setCookies } from './session-client';
import { basicHeader, hostileRefreshCookies } from '@/test/hostile-cases';
import { layers } from './layers';
import { TEST_GRACE_SECONDS, TEST_JWT_SECRET } from './server';

// The session API against the production server: run once on Redis (project "chromium") and once
// on the memory store (project "memory store"). Cookies are sent by hand, so that each request
// carries exactly what the test means it to.

const logIn = (request: APIRequestContext, ttl = '') => sessionLogin(request, '', ttl);

/** POST /auth/refresh or /auth/logout as the page would send it: the cookie, the CSRF token, this site's Origin. */
function sameSite(request: APIRequestContext, path: string, refreshToken: string, csrf: string, extra: Record<string, string> = {}) {
  return sameSitePost(request, new URL(test.info().project.use.baseURL!).origin, path, refreshToken, csrf, extra);
}

const bearer = (request: APIRequestContext, token: string) => request.get('/protected', { headers: { Authorization: `Bearer ${token}` } });

test.describe('POST /auth/login', () => {
  test('answers the tokens, and sets the refresh cookie (HttpOnly, Strict, /auth, Secure), the readable CSRF cookie, the pages\' session cookie and the device cookie', async ({ request }) => {
    const { body, cookies } = await logIn(request);
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, csrf_token: expect.any(String) });
    const refresh = cookies.find((c) => c.startsWith(`${COOKIES.refresh}=`))!;
    const csrf = cookies.find((c) => c.startsWith(`${COOKIES.csrf}=`))!;
    // Attribute names and values are case-insensitive (RFC 6265 §5.2): compared in lower case.
    const has = (cookie: string, attribute: string) => expect(cookie.toLowerCase().split('; ')).toContain(attribute.toLowerCase());
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/auth', 'Secure', 'Max-Age=86400']) has(refresh, attribute);
    for (const attribute of ['SameSite=Strict', 'Path=/', 'Secure']) has(csrf, attribute);
    const page = cookies.find((c) => c.startsWith(`${COOKIES.page}=`))!;
    // The pages' cookie lives to the session's absolute end (7 days); the store ends it sooner when idle.
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure', 'Max-Age=604800']) has(page, attribute);
    const device = cookies.find((c) => c.startsWith(`${COOKIES.device}=`))!;
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/', 'Secure', `Max-Age=${90 * 24 * 3600}`]) has(device, attribute);
    expect(csrf).not.toContain('HttpOnly');
    expect(cookieValue(cookies, COOKIES.csrf)).toBe(body.csrf_token);
  });

  test('gives the access token the life ?ttl= asks for', async ({ request }) => {
    const { body } = await logIn(request, '?ttl=15');
    const { iat, exp } = decodeJwt(body.access_token);
    expect(exp! - iat!).toBe(15);
  });

  test('refuses wrong credentials with the tutorial\'s 401, and answers GET with a 405', async ({ request }) => {
    const refused = await request.post('/auth/login', { headers: { Authorization: basicHeader('alice:wrong') } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ message: MESSAGES.couldNotVerify });
    const get = await request.get('/auth/login', { headers: { Authorization: basicHeader('alice:password') } });
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe('POST, OPTIONS');
  });
});

test.describe('GET /.well-known/jwks.json', () => {
  // The `request` fixture checks the answer against docs/openapi.yaml: a key with any member
  // beyond kty, crv, x, y, use, alg and kid fails it there.
  test('is all another service needs to verify an access token: public keys only, cacheable for a minute', async ({ request }) => {
    const { body } = await logIn(request);
    const response = await request.get('/.well-known/jwks.json');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=60');
    const jwks = (await response.json()) as JSONWebKeySet;
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
      expect(key).not.toHaveProperty('d');
    }
    const { payload, protectedHeader } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
      issuer: 'nextjs-jwt-auth',
      audience: 'nextjs-jwt-auth/api',
    });
    expect(payload).toMatchObject({ user: 'alice', roles: ['admin'] });
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);
  });
});

test.describe('a session token at /protected', () => {
  test('passes the gate, which cannot see the store, and the route, which checks the session is alive', async ({ request }) => {
    const { body } = await logIn(request);
    const response = await bearer(request, body.access_token);
    expect(response.status()).toBe(200);
    expect(layers(response.headers())).toEqual(['gate verified (session not checked)', 'route verified (session live)']);
  });
});

test.describe('POST /auth/refresh', () => {
  test('rotates: a new access token and refresh cookie; the spent one gets the same successor within the grace window', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    const first = await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token);
    expect(first.status()).toBe(200);
    expect(first.headers()['cache-control']).toBe('no-store');
    const successor = cookieValue(setCookies(first), COOKIES.refresh)!;
    expect(successor).not.toBe(refreshToken);
    const next = (await first.json()) as SessionTokenBody;
    expect(decodeJwt(next.access_token).jti).not.toBe(decodeJwt(body.access_token).jti);

    const again = await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token);
    expect(again.status()).toBe(200);
    expect(cookieValue(setCookies(again), COOKIES.refresh)).toBe(successor);
  });

  test('revokes the whole session when a spent token comes back after the grace window', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    const successor = cookieValue(setCookies(await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token)), COOKIES.refresh)!;
    await new Promise((resolve) => setTimeout(resolve, TEST_GRACE_SECONDS * 1000 + 200));

    const replay = await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token);
    expect(replay.status()).toBe(401);
    expect(cookieValue(setCookies(replay), COOKIES.refresh)).toBe('');
    expect(cookieValue(setCookies(replay), COOKIES.csrf)).toBe('');
    expect((await sameSite(request, '/auth/refresh', successor, body.csrf_token)).status()).toBe(401);

    const revoked = await bearer(request, body.access_token);
    expect(revoked.status()).toBe(401);
    expect(await revoked.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
    expect(layers(revoked.headers())).toEqual(['gate verified (session not checked)', 'route refused']);
  });

  test('lets twenty concurrent refreshes with one cookie share one successor, with no 5xx and one live session', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    const answers = await Promise.all(Array.from({ length: 20 }, () => sameSite(request, '/auth/refresh', refreshToken, body.csrf_token)));
    expect(answers.map((a) => a.status())).toEqual(Array(20).fill(200));
    const successors = new Set(answers.map((a) => cookieValue(setCookies(a), COOKIES.refresh)));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect((await sameSite(request, '/auth/refresh', successor!, body.csrf_token)).status()).toBe(200);
    expect((await bearer(request, body.access_token)).status()).toBe(200);
  });

  test('answers 403 without the CSRF token, with a wrong one, or from another site, and spends nothing', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    const other = await logIn(request);
    const refused: Record<string, Record<string, string>> = {
      'no X-CSRF-Token': { 'X-CSRF-Token': '' },
      'a wrong X-CSRF-Token': { 'X-CSRF-Token': 'x'.repeat(43) },
      "another session's CSRF token": { 'X-CSRF-Token': other.body.csrf_token },
      'an Origin of another site': { Origin: 'https://evil.example' },
      'Origin: null': { Origin: 'null' },
      'Sec-Fetch-Site: cross-site, with this Origin': { 'Sec-Fetch-Site': 'cross-site' },
      'an Origin of this host under https': { Origin: new URL(test.info().project.use.baseURL!).origin.replace('http:', 'https:') },
      'X-Forwarded-Host of the Origin named': { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    };
    for (const [what, headers] of Object.entries(refused)) {
      const response = await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token, headers);
      expect(response.status(), what).toBe(403);
      expect(await response.json(), what).toEqual({ message: MESSAGES.csrfRefused });
    }
    expect((await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(200);
  });

  test('answers 401 and clears the cookies for a missing refresh cookie', async ({ request }) => {
    const origin = new URL(test.info().project.use.baseURL!).origin;
    const response = await request.post('/auth/refresh', { headers: { Origin: origin, 'X-CSRF-Token': 'x' } });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ message: MESSAGES.refreshInvalid });
    expect(cookieValue(setCookies(response), COOKIES.refresh)).toBe('');
  });

  for (const { name } of hostileRefreshCookies(TEST_JWT_SECRET, 0, 'sid')) {
    test(`refuses a hostile refresh cookie: ${name}`, async ({ request }) => {
      const { body, refreshToken } = await logIn(request);
      const sid = decodeJwt(refreshToken).sid as string;
      const { token } = hostileRefreshCookies(TEST_JWT_SECRET, Math.floor(Date.now() / 1000), sid).find((c) => c.name === name)!;
      const response = await sameSite(request, '/auth/refresh', token, body.csrf_token);
      expect([401, 403], `answered ${response.status()}`).toContain(response.status());
      expect(JSON.stringify(response.headers())).not.toContain(token.split('.')[2] || token);
    });
  }
});

test.describe('POST /auth/logout', () => {
  test('ends the session: 204, cookies cleared, its access token revoked, a tutorial token untouched; twice is fine', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    const tutorial = ((await (await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } })).json()) as { token: string }).token;

    const response = await sameSite(request, '/auth/logout', refreshToken, body.csrf_token);
    expect(response.status()).toBe(204);
    expect(cookieValue(setCookies(response), COOKIES.refresh)).toBe('');
    expect(cookieValue(setCookies(response), COOKIES.csrf)).toBe('');

    const revoked = await bearer(request, body.access_token);
    expect(revoked.status()).toBe(401);
    expect(await revoked.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
    expect((await bearer(request, tutorial)).status()).toBe(200);
    expect((await sameSite(request, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(401);

    expect((await sameSite(request, '/auth/logout', refreshToken, body.csrf_token)).status()).toBe(204);
  });

  test('wants the CSRF token while there is a session to end', async ({ request }) => {
    const { body, refreshToken } = await logIn(request);
    expect((await sameSite(request, '/auth/logout', refreshToken, body.csrf_token, { 'X-CSRF-Token': '' })).status()).toBe(403);
    expect((await bearer(request, body.access_token)).status()).toBe(200);
  });
});
