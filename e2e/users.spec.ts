import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './openapi';
import { decodeJwt } from 'jose';
import { createClient } from 'redis';
import { MESSAGES, type SessionTokenBody } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { logIn, newUser } from './api-client';
import { freshDatabase, startProductionServer, startThrottledServer, type ProductionServer } from './production-server';
import { OWN_SERVER, TEST_JWT_SECRET } from './server';

// Real users: the seeded alice (admin) and bob (user), against the production server, and the login
// throttle with its default limits on a server of its own.

const sessionLogin = (request: APIRequestContext, base: string, credentials: string, headers: Record<string, string> = {}) =>
  request.post(`${base}/auth/login`, { headers: { Authorization: basicHeader(credentials), ...headers } });

test.describe('seeded users', () => {
  test('log in, and their tokens say who (sub, user) and what (roles), and who issued them for whom', async ({ request }) => {
    const claims = async (credentials: string) => {
      const response = await sessionLogin(request, '', credentials);
      expect(response.status(), credentials).toBe(200);
      return decodeJwt(((await response.json()) as SessionTokenBody).access_token);
    };
    const alice = await claims('alice:password');
    const bob = await claims('bob:password');
    expect(alice).toMatchObject({ user: 'alice', roles: ['admin'], iss: 'nextjs-jwt-auth', aud: 'nextjs-jwt-auth/api' });
    expect(bob).toMatchObject({ user: 'bob', roles: ['user'], iss: 'nextjs-jwt-auth', aud: 'nextjs-jwt-auth/api' });
    // An opaque public id, never the name, and the same whatever case the name is typed in.
    expect(alice.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(alice.sub).not.toBe(bob.sub);
    expect((await claims('ALICE:password')).sub).toBe(alice.sub);
  });

  test('a wrong password and an unknown user get the same 401', async ({ request }) => {
    for (const credentials of ['alice:wrong', 'carol:password', 'bob:']) {
      const response = await sessionLogin(request, '', credentials);
      expect(response.status(), credentials).toBe(401);
      expect(await response.json(), credentials).toEqual({ message: MESSAGES.couldNotVerify });
    }
  });

  test("the tutorial's GET /login keeps the video's rule: any name, the demo password", async ({ request }) => {
    const response = await request.get('/login', { headers: { Authorization: basicHeader('anyone-at-all:password') } });
    expect(response.status()).toBe(200);
    expect(decodeJwt(((await response.json()) as { token: string }).token)).toEqual({ user: 'anyone-at-all', iat: expect.any(Number), exp: expect.any(Number) });
  });
});

test('a login racing a change of role leaves no live session whose token names the old role', async ({ request }) => {
  const alice = await logIn(request, 'alice');
  const stale: string[] = [];
  for (let round = 0; round < 5; round++) {
    const racer = await newUser(request, alice, 'admin');
    const logins = Array.from({ length: 10 }, () => sessionLogin(request, '', `${racer.name}:${racer.password}`));
    // The demotion lands among the logins' password checks, a little later each round.
    const demotion = new Promise((resolve) => setTimeout(resolve, round * 15)).then(() =>
      request.patch(`/api/users/${racer.id}`, { headers: alice.auth, data: { role: 'user' } }),
    );
    const [demoted, ...answers] = await Promise.all([demotion, ...logins]);
    expect(demoted.status()).toBe(200);
    for (const answer of answers) {
      expect(answer.status()).toBe(200);
      const { access_token: token } = (await answer.json()) as SessionTokenBody;
      const live = (await request.get('/api/todos', { headers: { Authorization: `Bearer ${token}` } })).status() === 200;
      const { roles } = decodeJwt(token) as { roles: string[] };
      if (live && roles[0] !== 'user') stale.push(`round ${round}: a live session says ${roles[0]}`);
    }
  }
  expect(stale).toEqual([]);
});

test.describe('the seeds, on a server with a Redis of its own', { tag: OWN_SERVER }, () => {
  let redis: RedisServer;
  let database: string;
  let server: ProductionServer | undefined;
  const start = async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, REDIS_URL: redis.url, DATABASE_URL: database, AUTH_STORE: 'redis' });
    return server;
  };
  test.beforeAll(async () => {
    redis = await startRedisServer();
    database = await freshDatabase();
  });
  test.afterAll(async () => {
    server?.stop();
    await redis.dispose();
  });

  test('a seed user an admin removed stays removed when the app reconnects to Redis, and when it restarts', async ({ request }) => {
    const first = await start();
    const alice = await logIn(request, 'alice', 'password', { base: first.url });
    const bob = await logIn(request, 'bob', 'password', { base: first.url });
    expect((await request.delete(`${first.url}/api/users/${decodeJwt(bob.token).sub}`, { headers: alice.auth })).status()).toBe(204);

    // Every client's connection dropped, as a failover or a network blip does: the app connects again.
    const admin = createClient({ url: redis.url });
    await admin.connect();
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
    await admin.close();
    await expect.poll(() => first.output()).toContain('Redis is reachable again.');
    await expect.poll(async () => (await sessionLogin(request, first.url, 'alice:password')).status()).toBe(200);
    expect((await sessionLogin(request, first.url, 'bob:password')).status()).toBe(401);

    first.stop();
    const second = await start();
    expect((await sessionLogin(request, second.url, 'alice:password')).status()).toBe(200);
    expect((await sessionLogin(request, second.url, 'bob:password')).status()).toBe(401);
  });
});

test.describe('the login throttle, behind a trusted proxy', { tag: OWN_SERVER }, () => {
  const LOCK_SECONDS = 2;
  let server: ProductionServer;
  test.beforeAll(async () => {
    // The default limits (5 per name, 20 per IP); a short first lock, so that its decay can be watched.
    server = await startThrottledServer(LOCK_SECONDS, { TRUST_PROXY: '1' });
  });
  test.afterAll(() => server.stop());

  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const expectThrottled = async (response: Awaited<ReturnType<typeof sessionLogin>>, seconds: number) => {
    expect(response.status()).toBe(429);
    expect(response.headers()['retry-after']).toBe(String(seconds));
    expect(await response.json()).toEqual({ message: MESSAGES.tooManyLogins });
  };

  test('locks a name from one IP after 5 wrong passwords, the right one too; from elsewhere it still gets in, and the lock decays', async ({ request }) => {
    for (let i = 0; i < 5; i++) expect((await sessionLogin(request, server.url, 'bob:wrong', from('198.51.100.1'))).status()).toBe(401);
    // From the same IP, with the right password, in any case: that (name, IP) pair is locked.
    await expectThrottled(await sessionLogin(request, server.url, 'bob:password', from('198.51.100.1')), LOCK_SECONDS);
    await expectThrottled(await sessionLogin(request, server.url, 'BOB:password', from('198.51.100.1')), LOCK_SECONDS);
    // Someone guessing from one address does not lock bob out everywhere.
    expect((await sessionLogin(request, server.url, 'bob:password', from('198.51.100.2'))).status()).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, LOCK_SECONDS * 1000 + 200));
    expect((await sessionLogin(request, server.url, 'bob:password', from('198.51.100.1'))).status()).toBe(200);
  });

  test('locks a name everywhere at 20 wrong passwords from several IPs', async ({ request }) => {
    const name = 'erin';
    for (let ip = 1; ip <= 4; ip++) for (let i = 0; i < 5; i++) await sessionLogin(request, server.url, `${name}:wrong`, from(`198.51.100.${20 + ip}`));
    await expectThrottled(await sessionLogin(request, server.url, `${name}:x`, from('198.51.100.99')), LOCK_SECONDS);
  });

  test('locks again for twice as long when the same name locks again', async ({ request }) => {
    const name = 'carol';
    for (let i = 0; i < 5; i++) await sessionLogin(request, server.url, `${name}:wrong`, from('198.51.100.9'));
    await expectThrottled(await sessionLogin(request, server.url, `${name}:x`, from('198.51.100.9')), LOCK_SECONDS);
    await new Promise((resolve) => setTimeout(resolve, LOCK_SECONDS * 1000 + 200));
    for (let i = 0; i < 5; i++) await sessionLogin(request, server.url, `${name}:wrong`, from('198.51.100.9'));
    await expectThrottled(await sessionLogin(request, server.url, `${name}:x`, from('198.51.100.9')), LOCK_SECONDS * 2);
  });

  test('locks an IP after 20 failures across names, whatever name it tries next', async ({ request }) => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 20; i++) expect((await sessionLogin(request, server.url, `stranger${i}:wrong`, from(ip))).status()).toBe(401);
    await expectThrottled(await sessionLogin(request, server.url, 'alice:password', from(ip)), LOCK_SECONDS);
    expect((await sessionLogin(request, server.url, 'alice:password', from('203.0.113.78'))).status()).toBe(200);
    // The tutorial's login keeps buckets of its own: real users' failures do not lock it.
    const tutorial = await request.get(`${server.url}/login`, { headers: { Authorization: basicHeader('anyone:password'), ...from(ip) } });
    expect(tutorial.status()).toBe(200);
  });

  test("throttles the tutorial's GET /login per IP, whatever name each guess comes with", async ({ request }) => {
    const login = (name: string, password: string) => request.get(`${server.url}/login`, { headers: { Authorization: basicHeader(`${name}:${password}`), ...from('192.0.2.50') } });
    for (let i = 0; i < 5; i++) expect((await login(`dave${i}`, 'wrong')).status()).toBe(401);
    await expectThrottled(await login('dave', 'password'), LOCK_SECONDS);
    expect((await request.get(`${server.url}/login`, { headers: { Authorization: basicHeader('dave:password'), ...from('192.0.2.51') } })).status()).toBe(200);
  });
});
