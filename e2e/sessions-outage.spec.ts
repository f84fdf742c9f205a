import type { APIResponse } from '@playwright/test';
import { expect, test } from './openapi';
import { MESSAGES, type SessionTokenBody } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { layers } from './layers';
import { freshDatabase, startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';
import { COOKIES } from './session-client';

// Production servers of the e2e build, each with a store situation of its own.

const credentials = { Authorization: basicHeader('alice:password') };

test.describe('Redis stopped mid-run, then restarted', () => {
  let redis: RedisServer;
  let server: ProductionServer;
  test.beforeAll(async () => {
    redis = await startRedisServer();
    // The throttle's default limit for the tutorial's route (20), so that its local count can be seen.
    server = await startProductionServer({
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: redis.url,
      DATABASE_URL: await freshDatabase(),
      AUTH_STORE: undefined,
      LOGIN_MAX_FAILURES_PER_IP: undefined,
    });
  });
  test.afterAll(async () => {
    server.stop();
    await redis.dispose();
  });

  test('fails closed with 503 while Redis is down, leaves the tutorial alone, and recovers by itself', async ({ request }) => {
    const login = await request.post(`${server.url}/auth/login`, { headers: credentials });
    expect(login.status()).toBe(200);
    const { access_token: access } = (await login.json()) as SessionTokenBody;
    const tutorial = ((await (await request.get(`${server.url}/login`, { headers: credentials })).json()) as { token: string }).token;

    await redis.stop();
    const session = await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${access}` } });
    expect(session.status(), 'a session token is never accepted unchecked').toBe(503);
    expect(await session.json()).toEqual({ message: MESSAGES.storeUnavailable });
    expect(layers(session.headers())).toEqual(['gate verified (session not checked)', 'route unavailable']);
    const api = await request.get(`${server.url}/api/todos`, { headers: { Authorization: `Bearer ${access}` } });
    expect(api.status()).toBe(503);
    expect(layers(api.headers())).toEqual(['gate verified (session not checked)', 'route unavailable']);
    const down = await request.post(`${server.url}/auth/login`, { headers: credentials });
    expect(down.status()).toBe(503);
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${tutorial}` } })).status()).toBe(200);
    // The tutorial's login needs no store: its throttle counts in this process meanwhile, and refuses at its limit.
    const tutorialLogin = await request.get(`${server.url}/login`, { headers: credentials });
    expect(tutorialLogin.status(), "the tutorial's login while Redis is down").toBe(200);
    const fresh = ((await tutorialLogin.json()) as { token: string }).token;
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${fresh}` } })).status()).toBe(200);
    const wrong = { Authorization: basicHeader('anyone:wrong') };
    const guesses = [];
    for (let i = 0; i < 21; i++) guesses.push((await request.get(`${server.url}/login`, { headers: wrong })).status());
    expect(guesses.filter((status) => status === 401), 'the local limit: the route\'s 20').toHaveLength(20);
    expect(guesses.at(-1)).toBe(429);

    await redis.start();
    await expect.poll(async () => (await request.post(`${server.url}/auth/login`, { headers: credentials })).status(), { timeout: 15_000 }).toBe(200);
    // Nothing was persisted: the session from before the outage is gone, and says so.
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${access}` } })).status()).toBe(401);
  });

  test('says so once in its log, with no stack trace and no error markers', () => {
    const output = server.output();
    expect(output.match(/Redis is unreachable/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(output.match(/GET \/login counts its failures in this process's memory/g)).toHaveLength(1);
    expect(output).not.toMatch(/\n\s+at |⨯|eyJ[\w-]{10,}/);
  });
});

test.describe('Redis frozen mid-run (SIGSTOP), then thawed (SIGCONT)', () => {
  const GRACE_SECONDS = 1;
  /** The store's bound (STORE_TIMEOUT_MS, 2 s), and room for the request around it. */
  const BOUND_MS = 3000;
  let redis: RedisServer;
  let server: ProductionServer;
  test.beforeAll(async () => {
    redis = await startRedisServer();
    server = await startProductionServer({
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: redis.url,
      DATABASE_URL: await freshDatabase(),
      AUTH_STORE: undefined,
      REFRESH_GRACE_SECONDS: String(GRACE_SECONDS),
    });
  });
  test.afterAll(async () => {
    server.stop();
    await redis.dispose();
  });

  test('answers 503 within the bound while Redis is frozen, and the same cookie refreshes once it thaws', async ({ request }) => {
    const login = await request.post(`${server.url}/auth/login`, { headers: credentials });
    expect(login.status()).toBe(200);
    const { access_token: access, csrf_token: csrf } = (await login.json()) as SessionTokenBody;
    const cookie = login.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIES.refresh}=`))!.value.split(';')[0]!;
    const refresh = () => request.post(`${server.url}/auth/refresh`, { headers: { Cookie: cookie, Origin: server.url, 'X-CSRF-Token': csrf } });
    const timed = async (send: () => Promise<APIResponse>) => {
      const started = Date.now();
      const response = await send();
      return { response, ms: Date.now() - started };
    };

    redis.freeze();
    const frozen = {
      refresh: await timed(refresh),
      login: await timed(() => request.post(`${server.url}/auth/login`, { headers: credentials })),
      protected: await timed(() => request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${access}` } })),
    };
    // The tutorial's routes need no store: its login counts its failures locally, and answers.
    const tutorialLogin = await timed(() => request.get(`${server.url}/login`, { headers: credentials }));
    expect(tutorialLogin.response.status(), "the tutorial's login while Redis is frozen").toBe(200);
    expect(tutorialLogin.ms).toBeLessThan(BOUND_MS);
    const tutorial = ((await tutorialLogin.response.json()) as { token: string }).token;
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${tutorial}` } })).status()).toBe(200);
    await test.info().attach('while frozen', { body: JSON.stringify(Object.fromEntries(Object.entries(frozen).map(([k, v]) => [k, { status: v.response.status(), ms: v.ms }]))) });
    for (const [what, { response, ms }] of Object.entries(frozen)) {
      expect(response.status(), what).toBe(503);
      expect(await response.json(), what).toEqual({ message: MESSAGES.storeUnavailable });
      expect(ms, what).toBeLessThan(BOUND_MS);
    }
    expect(layers(frozen.protected.response.headers())).toEqual(['gate verified (session not checked)', 'route unavailable']);

    // Thawed after the grace window: Redis now runs the rotation it was sent while frozen. Had it
    // spent the cookie, this cookie would now count as reuse and end the session.
    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 500));
    redis.thaw();
    const after = await refresh();
    expect(after.status(), 'the same cookie refreshes normally').toBe(200);
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${access}` } })).status()).toBe(200);
  });
});

test.describe('production with no store configured', () => {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: undefined, REDIS_URL: undefined, KV_URL: undefined, AUTH_STORE: undefined });
  });
  test.afterAll(() => server.stop());

  test('answers the session routes with 503 naming DATABASE_URL, and still serves the tutorial', async ({ request }) => {
    for (const path of ['/auth/login', '/auth/refresh', '/auth/logout']) {
      const response = await request.post(`${server.url}${path}`, { headers: credentials });
      expect(response.status(), path).toBe(503);
      expect(((await response.json()) as { message: string }).message).toMatch(/DATABASE_URL/);
    }
    const tutorial = ((await (await request.get(`${server.url}/login`, { headers: credentials })).json()) as { token: string }).token;
    expect((await request.get(`${server.url}/protected`, { headers: { Authorization: `Bearer ${tutorial}` } })).status()).toBe(200);
  });
});
