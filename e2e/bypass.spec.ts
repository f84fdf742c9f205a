import { readFileSync } from 'node:fs';
import http from 'node:http';
import { expect, test } from './openapi';
import { layers } from './layers';
import { BASE_URL } from './server';
import { basicHeader } from '@/test/hostile-cases';

// Ways around the middleware gate, from Next's advisories (CVE-2025-29927's x-middleware-subrequest,
// the .rsc, segment-prefetch and data-route URLs) and from path normalisation. None may reach the
// protected message without a valid token: the gate refuses, or the route verifies again, or
// Next finds no route at all.

const PROTECTED_MESSAGE = 'This is only available for people with valid tokens.';

/** Sends the path byte for byte (no URL normalisation by the client), returning status, headers and body. */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(BASE_URL);
    const req = http.request({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Refused: a 4xx, or a redirect to the gated /protected itself; never the protected answer, never a 5xx. */
async function expectNoWayIn(path: string, headers: Record<string, string> = {}) {
  const { status, headers: answer, body } = await rawGet(path, headers);
  expect(body, `${path} must not serve the protected answer`).not.toContain(PROTECTED_MESSAGE);
  if (status === 308) {
    expect(answer.location).toBe('/protected');
    return;
  }
  expect(status, `${path} answered ${status}`).toBeGreaterThanOrEqual(400);
  expect(status, `${path} answered ${status}`).toBeLessThan(500);
  // A probe that reached /protected was refused by the gate itself; any other found no route.
  if (status === 404) expect(layers(answer)).toEqual([]);
  else expect(layers(answer), `${path} must be refused by the gate`).toEqual(['gate refused']);
}

const SUBREQUEST_VARIANTS = [
  'middleware',
  'middleware:middleware:middleware:middleware:middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'proxy:proxy:proxy:proxy:proxy',
  'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
  'pages/_middleware',
  'pages/protected/_middleware',
];

test.describe('the x-middleware-subrequest header (CVE-2025-29927)', () => {
  for (const value of SUBREQUEST_VARIANTS) {
    test(`does not skip the gate: ${value}`, async ({ request }) => {
      const response = await request.get('/protected', { headers: { 'x-middleware-subrequest': value } });
      expect(response.status()).toBe(401);
      expect(layers(response.headers())).toEqual(['gate refused']);
      expect(await response.json()).toEqual({ message: 'Token is missing!' });
    });
  }

  test('does not skip the check with a forged token either', async ({ request }) => {
    const response = await request.get('/protected?token=eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl', {
      headers: { 'x-middleware-subrequest': SUBREQUEST_VARIANTS[1]! },
    });
    expect(response.status()).toBe(401);
    expect(layers(response.headers())).toEqual(['gate refused']);
  });
});

test.describe('Next-internal request headers', () => {
  const probes: Record<string, string>[] = [
    { RSC: '1' },
    { 'Next-Router-Prefetch': '1' },
    { RSC: '1', 'Next-Router-Prefetch': '1' },
    { RSC: '1', 'Next-Router-Segment-Prefetch': '/_tree' },
    { 'Next-Router-State-Tree': encodeURIComponent('["",{"children":["protected",{}]}]') },
    { 'x-nextjs-data': '1' },
    { 'x-middleware-prefetch': '1' },
    { purpose: 'prefetch' },
    { 'x-invoke-path': '/unprotected' },
    { 'x-matched-path': '/unprotected' },
    { 'x-middleware-rewrite': '/unprotected' },
    { 'x-middleware-next': '1' },
    { 'x-now-route-matches': '1' },
  ];
  for (const headers of probes) {
    test(`do not open /protected: ${JSON.stringify(headers)}`, async () => {
      await expectNoWayIn('/protected', headers);
      const { status, headers: answer, body } = await rawGet('/protected', headers);
      expect(status).toBe(401);
      expect(JSON.parse(body)).toEqual({ message: 'Token is missing!' });
      expect(layers(answer)).toEqual(['gate refused']);
    });
  }
});

test.describe('other spellings of the /protected path', () => {
  const buildId = readFileSync('.next/BUILD_ID', 'utf8').trim();
  const paths = [
    '/protected/',
    '//protected',
    '/protected.rsc',
    '/protected.prefetch.rsc',
    '/protected.segments/_index.segment.rsc',
    '/protected.segments/protected.segment.rsc',
    '/protected?_rsc=1',
    '/protected.json',
    `/_next/data/${buildId}/protected.json`,
    '/_next/data/development/protected.json',
    '/%70rotected',
    '/protecte%64',
    '/%2fprotected',
    '/protected%2f',
    '/protected%2F',
    '/PROTECTED',
    '/Protected',
    '/./protected',
    '/x/../protected',
    '/unprotected/../protected',
    '/protected;x',
    '/protected%00',
    '/protected%20',
    '/protected/index',
    '/index/protected',
    '/protected#',
    '/protected?token',
    '/protected?token[]=x',
  ];
  for (const path of paths) {
    test(`does not open ${path}`, async () => {
      await expectNoWayIn(path);
      await expectNoWayIn(path, { RSC: '1', 'x-middleware-subrequest': SUBREQUEST_VARIANTS[1]! });
    });
  }
});

test.describe('methods other than GET', () => {
  async function token(request: import('@playwright/test').APIRequestContext) {
    const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
    return ((await login.json()) as { token: string }).token;
  }

  test('HEAD is GET without a body (RFC 9110 §9.3.2): 401 without a token, 200 with one', async ({ request }) => {
    expect((await request.head('/protected')).status()).toBe(401);
    const response = await request.head('/protected', { headers: { Authorization: `Bearer ${await token(request)}` } });
    expect(response.status()).toBe(200);
    expect(await response.body()).toHaveLength(0);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    test(`${method} /protected is 401 from the gate without a token, and 405 from the route with one`, async ({ request }) => {
      const refused = await request.fetch('/protected', { method });
      expect(refused.status()).toBe(401);
      expect(layers(refused.headers())).toEqual(['gate refused']);
      const response = await request.fetch('/protected', { method, headers: { Authorization: `Bearer ${await token(request)}` } });
      expect(response.status()).toBe(405);
      expect(response.headers().allow).toBe('GET, HEAD, OPTIONS');
      expect(layers(response.headers())).toEqual(['gate verified', 'route method not allowed']);
      expect(await response.text()).not.toContain(PROTECTED_MESSAGE);
    });

    test(`${method} /login and /unprotected are a JSON 405 that says what is allowed`, async ({ request }) => {
      for (const path of ['/login', '/unprotected']) {
        const response = await request.fetch(path, { method, headers: { Authorization: basicHeader('alice:password') } });
        expect(response.status()).toBe(405);
        expect(response.headers().allow).toBe('GET, HEAD, OPTIONS');
        expect(await response.json()).toEqual({ message: 'Only GET is served here.' });
      }
    });
  }

  test('OPTIONS /protected is 401 from the gate without a token, and the route lists the methods with one', async ({ request }) => {
    const refused = await request.fetch('/protected', { method: 'OPTIONS' });
    expect(refused.status()).toBe(401);
    expect(layers(refused.headers())).toEqual(['gate refused']);
    const response = await request.fetch('/protected', { method: 'OPTIONS', headers: { Authorization: `Bearer ${await token(request)}` } });
    expect(response.status()).toBe(204);
    expect(response.headers().allow).toBe('GET, HEAD, OPTIONS');
    expect(layers(response.headers())).toEqual(['gate verified', 'route methods listed']);
  });

  test('OPTIONS /login lists the methods and issues no token', async ({ request }) => {
    const response = await request.fetch('/login', { method: 'OPTIONS', headers: { Authorization: basicHeader('alice:password') } });
    expect(response.status()).toBe(204);
    expect(response.headers().allow).toBe('GET, HEAD, OPTIONS');
    expect(await response.text()).toBe('');
  });
});
