import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './openapi';
import { COOKIES } from './session-client';
import { basicHeader } from '@/test/hostile-cases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { freshDatabase, startProductionServer, startThrottledServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET, TEST_SEED_USERS } from './server';

// The login throttle as an attacker meets it: requests sent at once, not one by one, on each store
// and across two instances on one Redis, with the default limits (5 a name, 20 an IP, 20 for the
// tutorial's one password). No trusted proxy here, so there is no client IP: every client looks alike.

const LOCK_SECONDS = 60;
const PASSWORD = 'correct horse battery staple';
const CROWDS = [20, 40, 64];
// A user of its own for each crowd, each store: a crowd locks its name.
const crowdUsers = ['memory', 'redis', 'split'].flatMap((where) => CROWDS.map((size) => `crowd-${where}-${size}`));
const seeds = [TEST_SEED_USERS, ...crowdUsers.map((name) => `${name}:user:${PASSWORD}`)].join(';');

let memory: ProductionServer;
let redis: RedisServer;
let a: ProductionServer;
let b: ProductionServer;
test.beforeAll(async () => {
  redis = await startRedisServer();
  const defaults = { JWT_SECRET: TEST_JWT_SECRET, SEED_USERS: seeds, LOGIN_MAX_FAILURES: undefined, LOGIN_MAX_FAILURES_PER_IP: undefined, LOGIN_LOCK_SECONDS: String(LOCK_SECONDS) };
  // Both instances on one Redis for the throttle, one database for the users.
  const onRedis = { ...defaults, REDIS_URL: redis.url, DATABASE_URL: await freshDatabase(), AUTH_STORE: undefined };
  [memory, a, b] = await Promise.all([startThrottledServer(LOCK_SECONDS, { SEED_USERS: seeds }), startProductionServer(onRedis), startProductionServer(onRedis)]);
});
test.afterAll(async () => {
  for (const server of [memory, a, b]) server?.stop();
  await redis?.dispose();
});

const login = (request: APIRequestContext, base: string, credentials: string, headers: Record<string, string> = {}) =>
  request.post(`${base}/auth/login`, { headers: { Authorization: basicHeader(credentials), ...headers } });

for (const [where, servers] of [
  ['the memory store', () => [memory]],
  ['Redis', () => [a]],
  ['two instances on one Redis, the crowd split between them', () => [a, b]],
] as const) {
  test(`a crowd of wrong passwords sent at once, on ${where}: no more than the limit checked, the right one in it refused`, async ({ request }) => {
    const key = where.startsWith('two') ? 'split' : where === 'Redis' ? 'redis' : 'memory';
    const figures: string[] = [];
    for (const size of CROWDS) {
      const name = `crowd-${key}-${size}`;
      // The right password is the tenth of the crowd, as in the attack that found the gap.
      const answers = await Promise.all(
        Array.from({ length: size }, (_, i) => login(request, servers()[i % servers().length]!.url, `${name}:${i === 9 ? PASSWORD : `wrong ${i}`}`)),
      );
      const statuses = answers.map((answer) => answer.status());
      const checked = statuses.filter((status) => status === 401).length;
      figures.push(`${size} at once: ${checked} checked (401), ${statuses.filter((s) => s === 429).length} refused (429), ${statuses.filter((s) => s === 200).length} let in`);
      expect(checked, `${size} at once`).toBe(5);
      expect(statuses.filter((status) => status === 429), `${size} at once`).toHaveLength(size - 5);
      expect(statuses[9], 'the right password, after the limit').toBe(429);
    }
    test.info().annotations.push({ type: where, description: figures.join('; ') });
  });
}

test("the tutorial's login shares no bucket with a real user's: it never resets their count", async ({ request }) => {
  const statuses: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++) statuses.push((await login(request, memory.url, `alice:wrong ${round}${i}`)).status());
    expect((await request.get(`${memory.url}/login`, { headers: { Authorization: basicHeader('alice:password') } })).status()).toBe(200);
  }
  // Twelve wrong guesses: the fifth was the last one checked, the rest refused.
  expect(statuses.filter((status) => status === 401)).toHaveLength(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(7);
});

test("the tutorial's one password, a new name for each guess: stopped at the route's limit", async ({ request }) => {
  let guesses = 0;
  for (; guesses < 50; guesses++) {
    const answer = await request.get(`${a.url}/login`, { headers: { Authorization: basicHeader(`hydra-${guesses}:guess-${guesses}`) } });
    if (answer.status() !== 401) {
      expect(answer.status()).toBe(429);
      break;
    }
  }
  test.info().annotations.push({ type: 'new name per guess', description: `${guesses} guesses checked, then 429` });
  expect(guesses).toBe(20);
  // Shared by both instances: the other is locked too.
  expect((await request.get(`${b.url}/login`, { headers: { Authorization: basicHeader('someone:password') } })).status()).toBe(429);
});

test('guessing at any rate cannot keep a user out of the browser they signed in from before', async ({ page, playwright }) => {
  // bob signs in once in his browser, which keeps the device cookie the login left.
  await page.goto(`${memory.url}/sign-in`);
  await page.getByLabel('Username').fill('bob');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain(COOKIES.device);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // And an API client that logged in as bob before, and kept its cookies.
  const client = await playwright.request.newContext();
  expect((await login(client, memory.url, 'bob:password')).status()).toBe(200);

  // Someone with no account guesses bob's password from elsewhere, fifty times, as fast as they can.
  const attacker = await playwright.request.newContext();
  const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => login(attacker, memory.url, `bob:guess ${i}`)));
  expect(guesses.filter((answer) => answer.status() === 429).length).toBeGreaterThanOrEqual(45);
  expect((await login(attacker, memory.url, 'bob:password')).status(), 'locked for everyone else').toBe(429);
  await attacker.dispose();
  expect((await login(client, memory.url, 'bob:password')).status(), 'the client that logged in before').toBe(200);
  await client.dispose();

  // bob, in his own browser, is still let in.
  await page.getByLabel('Username').fill('bob');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bob');
});
