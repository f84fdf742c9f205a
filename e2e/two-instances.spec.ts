import { expect, test } from './openapi';
import { MESSAGES } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { startNginx, type Nginx } from '@/test/nginx';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { layers } from './layers';
import { freshDatabase, startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';
import { COOKIES, cookieValue, sameSitePost, sessionLogin, setCookies } from './session-client';

// Two `next start` processes of the same build on one redis-server, behind Debian's nginx with
// docs/DEPLOYING.md's settings for TRUST_PROXY=1, as an app scaled out runs: nginx sends each
// request to either instance in turn (its X-Upstream says which), and the session is the same.

const GRACE_SECONDS = 2;
let redis: RedisServer;
let a: ProductionServer;
let b: ProductionServer;
let nginx: Nginx;
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  redis = await startRedisServer();
  const env = {
    JWT_SECRET: TEST_JWT_SECRET,
    REDIS_URL: redis.url,
    DATABASE_URL: await freshDatabase(),
    AUTH_STORE: undefined,
    REFRESH_GRACE_SECONDS: String(GRACE_SECONDS),
    TRUST_PROXY: '1',
    // The default limits. The per-IP test runs last, and asks for the lock after forty guesses, each
    // answered only once the user directory (in PostgreSQL) and the password check have: a lock
    // that outlasts them on a loaded 2-core machine (2 s did not, once records moved to PostgreSQL).
    LOGIN_MAX_FAILURES: undefined,
    LOGIN_MAX_FAILURES_PER_IP: undefined,
    LOGIN_LOCK_SECONDS: '10',
  };
  [a, b] = await Promise.all([startProductionServer(env), startProductionServer(env)]);
  nginx = await startNginx([a.url, b.url]);
  // Each instance's first session request loads its routes and connects to Redis: done here, so that
  // a cold instance does not answer later than the grace window in the tests below.
  for (let i = 0; i < 2; i++) {
    const { body, refreshToken } = await sessionLogin(request, nginx.url);
    await sameSitePost(request, nginx.url, '/auth/refresh', refreshToken, body.csrf_token);
  }
  await request.dispose();
});
test.afterAll(async () => {
  await nginx.dispose();
  a.stop();
  b.stop();
  await redis.dispose();
});

const upstreams = (answers: { headers(): Record<string, string> }[]) => new Set(answers.map((r) => r.headers()['x-upstream']));
const both = () => new Set([new URL(a.url).host, new URL(b.url).host]);

test('twenty concurrent refreshes with one cookie, split across both by nginx, give one successor and no 5xx', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, nginx.url);
  const answers = await Promise.all(Array.from({ length: 20 }, () => sameSitePost(request, nginx.url, '/auth/refresh', refreshToken, body.csrf_token)));
  expect(answers.map((r) => r.status())).toEqual(Array(20).fill(200));
  expect(upstreams(answers)).toEqual(both());
  const successors = new Set(answers.map((r) => cookieValue(setCookies(r), COOKIES.refresh)));
  expect(successors.size).toBe(1);
  const [successor] = [...successors];
  expect((await sameSitePost(request, nginx.url, '/auth/refresh', successor!, body.csrf_token)).status()).toBe(200);
});

test('a logout through nginx is refused as revoked by both instances at once', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, nginx.url);
  const bearer = () => request.get(`${nginx.url}/protected`, { headers: { Authorization: `Bearer ${body.access_token}` } });
  const before = [await bearer(), await bearer()];
  expect(before.map((r) => r.status())).toEqual([200, 200]);
  expect((await sameSitePost(request, nginx.url, '/auth/logout', refreshToken, body.csrf_token)).status()).toBe(204);

  const refused = [await bearer(), await bearer()];
  expect(upstreams(refused)).toEqual(both());
  for (const answer of refused) {
    expect(answer.status()).toBe(401);
    expect(await answer.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
    expect(layers(answer.headers())).toEqual(['gate verified (session not checked)', 'route refused']);
  }
  expect((await sameSitePost(request, nginx.url, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(401);
});

test('a spent cookie replayed after the grace window revokes the family on both instances', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, nginx.url);
  const rotated = await sameSitePost(request, nginx.url, '/auth/refresh', refreshToken, body.csrf_token);
  const successor = cookieValue(setCookies(rotated), COOKIES.refresh)!;
  await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 300));

  expect((await sameSitePost(request, nginx.url, '/auth/refresh', refreshToken, body.csrf_token)).status()).toBe(401);
  const after = [
    await sameSitePost(request, nginx.url, '/auth/refresh', successor, body.csrf_token),
    await request.get(`${nginx.url}/protected`, { headers: { Authorization: `Bearer ${body.access_token}` } }),
    await request.get(`${nginx.url}/protected`, { headers: { Authorization: `Bearer ${body.access_token}` } }),
  ];
  expect(after.map((r) => r.status())).toEqual([401, 401, 401]);
});

test('counts failures per client IP as nginx gives it, not as the client claims: 40 guesses at once, each under a new name and a forged X-Forwarded-For, get 20 checks', async ({ request }) => {
  const guess = (i: number, credentials = `nobody-${i}:wrong password here`) =>
    request.post(`${nginx.url}/auth/login`, { headers: { Authorization: basicHeader(credentials), 'X-Forwarded-For': `203.0.113.${i}` } });
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(i)));
  const statuses = answers.map((r) => r.status());
  expect(statuses.filter((s) => s === 401)).toHaveLength(20);
  expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  expect(upstreams(answers)).toEqual(both());
  // The address is locked, whatever name and forged address come next: alice's right password too.
  const alice = await guess(99, 'alice:password');
  expect(alice.status()).toBe(429);
  expect(await alice.json()).toEqual({ message: MESSAGES.tooManyLogins });
});
