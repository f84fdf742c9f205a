import { expect, test } from './openapi';
import { MESSAGES } from '@/lib/contract';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { layers } from './layers';
import { startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';
import { COOKIES, cookieValue, sameSitePost, sessionLogin, setCookies } from './session-client';

// Two `next start` processes of the same build on one redis-server, as an app scaled out behaves:
// whichever instance a request reaches, the session is the same.

const GRACE_SECONDS = 2;
let redis: RedisServer;
let a: ProductionServer;
let b: ProductionServer;
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  redis = await startRedisServer();
  const env = { JWT_SECRET: TEST_JWT_SECRET, REDIS_URL: redis.url, AUTH_STORE: undefined, REFRESH_GRACE_SECONDS: String(GRACE_SECONDS) };
  [a, b] = await Promise.all([startProductionServer(env), startProductionServer(env)]);
  // Each instance's first session request loads its routes and connects to Redis: done here, so that
  // a cold instance does not answer later than the grace window in the tests below.
  for (const server of [a, b]) {
    const { body, refreshToken } = await sessionLogin(request, server.url);
    await sameSitePost(request, server.url, '/auth/refresh', refreshToken, body.csrf_token);
  }
  await request.dispose();
});
test.afterAll(async () => {
  a.stop();
  b.stop();
  await redis.dispose();
});

const bearer = (server: ProductionServer, token: string) => fetch(`${server.url}/protected`, { headers: { Authorization: `Bearer ${token}` } });

test('twenty concurrent refreshes with one cookie, split across both, give one successor and no 5xx', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, a.url);
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => sameSitePost(request, i % 2 ? b.url : a.url, '/auth/refresh', refreshToken, body.csrf_token)),
  );
  expect(answers.map((r) => r.status())).toEqual(Array(20).fill(200));
  const successors = new Set(answers.map((r) => cookieValue(setCookies(r), COOKIES.refresh)));
  expect(successors.size).toBe(1);
  const [successor] = [...successors];
  expect((await sameSitePost(request, b.url, '/auth/refresh', successor!, body.csrf_token)).status()).toBe(200);
});

test('a logout on one instance is refused as revoked on the other at once', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, a.url);
  expect((await bearer(b, body.access_token)).status).toBe(200);
  expect((await sameSitePost(request, a.url, '/auth/logout', refreshToken, body.csrf_token)).status()).toBe(204);

  const refused = await bearer(b, body.access_token);
  expect(refused.status).toBe(401);
  expect(await refused.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
  expect(layers(Object.fromEntries(refused.headers))).toEqual(['gate verified (session not checked)', 'route refused']);
  expect((await sameSitePost(request, b.url, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(401);
});

test('a spent cookie replayed on the other instance after the grace window revokes the family there too', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, a.url);
  const rotated = await sameSitePost(request, a.url, '/auth/refresh', refreshToken, body.csrf_token);
  const successor = cookieValue(setCookies(rotated), COOKIES.refresh)!;
  await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 300));

  expect((await sameSitePost(request, b.url, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(401);
  expect((await sameSitePost(request, a.url, '/auth/refresh', successor, body.csrf_token)).status()).toBe(401);
  expect((await bearer(a, body.access_token)).status).toBe(401);
});
