import type { APIResponse } from '@playwright/test';
import http from 'node:http';
import { checkAgainstDocument, expect, test } from './openapi';
import { basicHeader, hostileBasicHeaders, hostileTokens, hostileTransports } from '@/test/hostile-cases';
import { layers } from './layers';
import { TEST_JWT_SECRET } from './server';

// The hostile inputs of lib/auth's unit tests, sent to the production server. The unit tests own
// each exact reason; here every one must be refused with a JSON 4xx, never a 200 or a 5xx, by the
// edge gate itself (Server-Timing names it), and the answer never echoes the token.

async function expectJsonRefusal(response: APIResponse, status: number, body: object, secret?: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['cache-control']).toBe('no-store');
  const text = await response.text();
  expect(JSON.parse(text)).toEqual(body);
  if (secret) expect(text + JSON.stringify(response.headers())).not.toContain(secret);
}

async function expectRefusedByGate(response: APIResponse, token: string) {
  expect(response.status(), 'a 4xx').toBeGreaterThanOrEqual(400);
  expect(response.status(), 'a 4xx').toBeLessThan(500);
  expect(layers(response.headers()), 'refused by the gate, before the route ran').toEqual(['gate refused']);
  expect(response.headers()['content-type']).toContain('application/json');
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({ message: expect.any(String) });
  expect(text + JSON.stringify(response.headers())).not.toContain(token);
}

test.describe('hostile tokens sent to GET /protected', () => {
  const cases = hostileTokens(TEST_JWT_SECRET, Math.floor(Date.now() / 1000));

  for (const { family, name, token } of cases) {
    test(`${family}: ${name}`, async ({ request }) => {
      if (token.length > 16_384) {
        // Beyond Node's header limit: refused with 431 before Next sees it (see "oversized requests").
        expect((await request.get(`/protected?token=${token}`)).status()).toBe(431);
        return;
      }
      await expectRefusedByGate(await request.get(`/protected?token=${encodeURIComponent(token)}`), token);
      // Header values lose surrounding whitespace in transit: the query above covers those.
      if (/\s/.test(token)) return;
      await expectRefusedByGate(await request.get('/protected', { headers: { Authorization: `Bearer ${token}` } }), token);
    });
  }
});

test.describe('hostile ways of sending the token to GET /protected', () => {
  for (const c of hostileTransports()) {
    test(c.name, async ({ request }) => {
      const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
      const { token } = (await login.json()) as { token: string };
      const headers: Record<string, string> = c.authorization ? { Authorization: c.authorization.replaceAll('TOKEN', token) } : {};
      const response = await request.get(`/protected${c.query.replaceAll('TOKEN', token)}`, { headers });
      await expectJsonRefusal(response, c.status, { message: c.message }, token);
      expect(response.headers()['www-authenticate']).toMatch(/^Bearer realm="protected"/);
      expect(layers(response.headers())).toEqual(['gate refused']);
    });
  }

  for (const scheme of ['bearer', 'BEARER']) {
    test(`accepts the scheme name written ${scheme}`, async ({ request }) => {
      const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
      const { token } = (await login.json()) as { token: string };
      const response = await request.get('/protected', { headers: { Authorization: `${scheme} ${token}` } });
      expect(response.status()).toBe(200);
    });
  }
});

test.describe('hostile Basic credentials sent to GET /login', () => {
  for (const { name, authorization } of hostileBasicHeaders()) {
    test(name, async ({ request }) => {
      const response = await request.get('/login', { headers: authorization ? { Authorization: authorization } : {} });
      await expectJsonRefusal(response, 401, { message: 'Could not verify!' });
      expect(response.headers()['www-authenticate']).toBe('Basic realm="Login Required"');
    });
  }

  test('accepts the scheme name written in lower case, so the refusals above are about the credentials', async ({ request }) => {
    const response = await request.get('/login', { headers: { Authorization: basicHeader('alice:password').replace('Basic', 'basic') } });
    expect(response.status()).toBe(200);
  });
});

test.describe('oversized requests', () => {
  // Node's HTTP server refuses headers over 16 KiB with 431 before Next sees the request: still a
  // 4xx, but without the contract's JSON body.
  test('a 100 KB Authorization header gets 431 from Node itself, on both routes', async ({ request }) => {
    const huge = 'A'.repeat(100_000);
    for (const [path, authorization] of [['/login', `Basic ${huge}`], ['/protected', `Bearer ${huge}.${huge}.x`]] as const) {
      const response = await request.get(path, { headers: { Authorization: authorization } });
      expect(response.status()).toBe(431);
    }
  });

  test('POST /auth/login: 13,000 characters of Basic credentials get 431, as documented; 9,000 reach the app and its 401', async ({ request }) => {
    // Base64 makes 13,000 characters 17,336, past the limit of 16 KiB.
    const credentials = (length: number) => basicHeader(`alice:${'p'.repeat(length)}`);
    expect((await request.post('/auth/login', { headers: { Authorization: credentials(13_000) } })).status()).toBe(431);
    const under = await request.post('/auth/login', { headers: { Authorization: credentials(9_000) } });
    expect(under.status()).toBe(401);
    expect(await under.json()).toEqual({ message: 'Could not verify!' });
  });

  test('a 100 KB ?token= gets 431 too', async ({ request }) => {
    expect((await request.get(`/protected?token=${'A'.repeat(100_000)}`)).status()).toBe(431);
  });

  test('a 12 KB token, under the header limit, reaches the app and is refused unread', async ({ request }) => {
    const token = `${'A'.repeat(12_000)}.e30.x`;
    await expectJsonRefusal(
      await request.get('/protected', { headers: { Authorization: `Bearer ${token}` } }),
      401,
      { message: 'Token is invalid!', reason: 'malformed' },
      token,
    );
  });

  test('a 12 KB Basic header, under the header limit, reaches the app and is refused unread', async ({ request }) => {
    const response = await request.get('/login', { headers: { Authorization: basicHeader(`${'a'.repeat(9_000)}:password`) } });
    await expectJsonRefusal(response, 401, { message: 'Could not verify!' });
  });
});

test.describe('a dot segment for an id', () => {
  // Sent as is: fetch and Playwright resolve `%2e%2e` before sending, as URL parsers must.
  const rawGet = (baseURL: string, path: string) =>
    new Promise<Pick<APIResponse, 'status' | 'headers' | 'body'> & { location?: string }>((resolve, reject) => {
      http
        .get(new URL(baseURL), { path }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
            resolve({ status: () => response.statusCode!, headers: () => headers, body: async () => Buffer.concat(chunks), location: response.headers.location });
          });
        })
        .on('error', reject);
    });

  test('names another path: 308 to it, as docs/openapi.yaml lists, never a 500 or an answer for that id', async ({ baseURL }) => {
    const cases: [string, string][] = [['/api/todos/%2e%2e', '/api'], ['/api/todos/..', '/api'], ['/api/users/%2E%2e', '/api'], ['/api/sessions/%2e', '/api/sessions']];
    for (const [path, location] of cases) {
      const response = await rawGet(baseURL!, path);
      expect(response.status(), path).toBe(308);
      expect(response.location, path).toBe(location);
      await checkAgainstDocument('GET', path, response);
    }
  });
});
