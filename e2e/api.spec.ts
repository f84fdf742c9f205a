import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './openapi';
import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './server';
import { basicHeader } from '@/test/hostile-cases';

async function logIn(request: APIRequestContext, user = 'alice', query = ''): Promise<string> {
  const response = await request.get(`/login${query}`, { headers: { Authorization: basicHeader(`${user}:password`) } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

function decodeSegment(token: string, index: number): unknown {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8'));
}

test.describe('GET /unprotected', () => {
  test('answers anyone with the tutorial message', async ({ request }) => {
    const response = await request.get('/unprotected');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ message: 'Anyone can view this!' });
  });
});

test.describe('GET /login', () => {
  test('issues an HS256 token for the user that lives 30 minutes, uncached', async ({ request }) => {
    const response = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    const { token } = (await response.json()) as { token: string };

    expect(decodeSegment(token, 0)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeSegment(token, 1) as { user: string; iat: number; exp: number };
    expect(payload).toEqual({ user: 'alice', iat: expect.any(Number), exp: expect.any(Number) });
    expect(payload.exp - payload.iat).toBe(1800);
    expect(Math.abs(payload.iat - Date.now() / 1000)).toBeLessThan(60);
  });

  test('asks for a shorter life with ?ttl=', async ({ request }) => {
    const payload = decodeSegment(await logIn(request, 'alice', '?ttl=15'), 1) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(15);
  });

  for (const ttl of ['0', '-5', '1.5', 'abc', '1801', '', '15&ttl=20']) {
    test(`refuses ?ttl=${ttl} with a clear 400`, async ({ request }) => {
      const response = await request.get(`/login?ttl=${ttl}`, { headers: { Authorization: basicHeader('alice:password') } });
      expect(response.status()).toBe(400);
      expect(await response.json()).toEqual({ message: 'ttl must be a whole number of seconds from 1 to 1800.' });
    });
  }

  const refused: Record<string, Record<string, string>> = {
    'no credentials': {},
    'a wrong password': { Authorization: basicHeader('alice:wrong') },
    'an empty username': { Authorization: basicHeader(':password') },
    'credentials that are not base64': { Authorization: 'Basic !!!' },
    'a Bearer token instead of Basic': { Authorization: 'Bearer abc' },
  };
  for (const [what, headers] of Object.entries(refused)) {
    test(`answers ${what} with a Basic challenge`, async ({ request }) => {
      const response = await request.get('/login', { headers });
      expect(response.status()).toBe(401);
      expect(response.headers()['www-authenticate']).toBe('Basic realm="Login Required"');
      expect(await response.json()).toEqual({ message: 'Could not verify!' });
    });
  }
});

test.describe('GET /protected', () => {
  const granted = { message: 'This is only available for people with valid tokens.', user: 'alice' };

  test('serves a valid token sent as ?token=', async ({ request }) => {
    const token = await logIn(request);
    const response = await request.get(`/protected?token=${token}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await response.json()).toEqual(granted);
  });

  test('serves a valid token sent as Authorization: Bearer', async ({ request }) => {
    const token = await logIn(request);
    const response = await request.get('/protected', { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual(granted);
  });

  test('asks for a token when there is none', async ({ request }) => {
    const response = await request.get('/protected');
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Bearer realm="protected"');
    expect(await response.json()).toEqual({ message: 'Token is missing!' });
  });

  test('refuses the garbage token from the tutorial', async ({ request }) => {
    const response = await request.get('/protected?token=thisisthesecretkey');
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toMatch(/^Bearer realm="protected", error="invalid_token", error_description="[^"]+"$/);
    expect(await response.json()).toEqual({ message: 'Token is invalid!', reason: 'malformed' });
  });

  test('refuses a token signed with another secret', async ({ request }) => {
    const forged = await new SignJWT({ user: 'alice' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('30m')
      .sign(new TextEncoder().encode('thisisthesecretkey'));
    const response = await request.get(`/protected?token=${forged}`);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ message: 'Token is invalid!', reason: 'bad_signature' });
  });

  test('refuses a token that has expired, and says so', async ({ request }) => {
    // 3 s: a 1 s token once expired on CI's loaded machine before its first use.
    const token = await logIn(request, 'alice', '?ttl=3');
    expect((await request.get(`/protected?token=${token}`)).status()).toBe(200);
    await expect
      .poll(async () => (await request.get(`/protected?token=${token}`)).json(), { timeout: 8_000, intervals: [250] })
      .toEqual({ message: 'Token is invalid!', reason: 'expired' });
  });

  test('accepts a token signed by the test secret, so the forging tests above prove something', async ({ request }) => {
    const token = await new SignJWT({ user: 'alice' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('30m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await request.get(`/protected?token=${token}`)).status()).toBe(200);
  });

  test('says which layers answered a 200: the edge gate verified it, then the route verified it again', async ({ request }) => {
    const response = await request.get('/protected', { headers: { Authorization: `Bearer ${await logIn(request)}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()['server-timing']).toMatch(/^gate;dur=[\d.]+;desc="verified", route;dur=[\d.]+;desc="verified"$/);
  });

  test('says the gate alone answered a refusal: the route never ran', async ({ request }) => {
    for (const path of ['/protected', '/protected?token=thisisthesecretkey']) {
      const response = await request.get(path);
      expect(response.status()).toBe(401);
      expect(response.headers()['server-timing']).toMatch(/^gate;dur=[\d.]+;desc="refused"$/);
    }
  });

  test('takes no gate entry from the client, and hands the route nothing else of its own', async ({ request }) => {
    const token = await logIn(request);
    const forged = { 'x-auth-gate': 'gate;dur=999999;desc="verified"' };
    const refused = await request.get('/protected', { headers: forged });
    expect(refused.headers()['server-timing']).toMatch(/^gate;dur=[\d.]+;desc="refused"$/);
    const served = await request.get('/protected', { headers: { ...forged, Authorization: `Bearer ${token}` } });
    expect(served.headers()['server-timing']).not.toContain('999999');
    // The request headers the gate passes on never come back to the client, the token least of all.
    expect(Object.keys(served.headers()).filter((name) => name.startsWith('x-middleware') || name === 'x-auth-gate')).toEqual([]);
    expect(JSON.stringify(served.headers())).not.toContain(token);
  });

  test('refuses a token sent both ways with 400 invalid_request (RFC 6750 §2)', async ({ request }) => {
    const token = await logIn(request);
    const response = await request.get(`/protected?token=${token}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(400);
    expect(response.headers()['www-authenticate']).toContain('error="invalid_request"');
    expect(JSON.stringify(await response.json())).not.toContain(token);
  });
});
