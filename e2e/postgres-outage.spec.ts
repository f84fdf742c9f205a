import { spawnSync } from 'node:child_process';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './openapi';
import { MESSAGES, type TodoList, type TodoView } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { startPostgresServer, type PostgresServer } from '@/test/postgres-server';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { logIn, newUser, type LoggedIn } from './api-client';
import { startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';
import { COOKIES, cookieValue, setCookies } from './session-client';

// Production servers of the e2e build on a PostgreSQL and a redis-server of their own, each store
// failed under them in turn: killed (a crash), or frozen (SIGSTOP: connections open, nothing
// answers). With both, the user directory and the to-dos live in PostgreSQL, the sessions and the
// throttle in Redis; with DATABASE_URL alone, everything lives in PostgreSQL.

test.describe.configure({ timeout: 60_000 });

/** The stores' bound (STORE_TIMEOUT_MS, 2 s), and room for the request around it. */
const BOUND_MS = 5000;
/** How long a recovery may take: the pool and the Redis client reconnect by themselves. */
const RECOVERY_MS = 15_000;

const unavailable = { message: MESSAGES.storeUnavailable };

interface Stack {
  postgres?: PostgresServer;
  redis?: RedisServer;
  server?: ProductionServer;
}

/** A PostgreSQL migrated by `npm run db:migrate`, a redis-server unless `redis` is false, and a server on them. */
async function startStack(stack: Stack, { redis = true } = {}): Promise<Stack> {
  stack.postgres = await startPostgresServer();
  if (redis) stack.redis = await startRedisServer();
  const migrated = spawnSync(process.execPath, ['scripts/db-migrate.mjs'], { env: { ...process.env, DATABASE_URL: stack.postgres.url }, encoding: 'utf8' });
  expect(migrated.status, migrated.stderr).toBe(0);
  stack.server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, REDIS_URL: stack.redis?.url, KV_URL: undefined, DATABASE_URL: stack.postgres.url, AUTH_STORE: undefined });
  return stack;
}

/** Stops whatever startStack got as far as starting. */
async function stopStack({ server, redis, postgres }: Stack): Promise<void> {
  server?.stop();
  await Promise.all([redis?.dispose(), postgres?.dispose()]);
}

async function timed(send: () => Promise<APIResponse>): Promise<{ response: APIResponse; ms: number }> {
  const started = Date.now();
  const response = await send();
  return { response, ms: Date.now() - started };
}

/** Each answer is the store's 503, with its JSON message, within the bound. */
async function expectUnavailable(answers: Record<string, { response: APIResponse; ms: number }>) {
  await test.info().attach('while the store is out', { body: JSON.stringify(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, { status: v.response.status(), ms: v.ms }]))) });
  for (const [what, { response, ms }] of Object.entries(answers)) {
    expect(response.status(), what).toBe(503);
    expect(await response.json(), what).toEqual(unavailable);
    expect(ms, what).toBeLessThan(BOUND_MS);
  }
}

/** The record routes a signed-in user calls, and a login, which needs the user's record. */
function recordRoutes(request: APIRequestContext, base: string, alice: LoggedIn, text: string) {
  return {
    'GET /api/todos': () => request.get(`${base}/api/todos`, { headers: alice.auth }),
    'POST /api/todos': () => request.post(`${base}/api/todos`, { headers: alice.auth, data: { text } }),
    'GET /api/users': () => request.get(`${base}/api/users`, { headers: alice.auth }),
    'POST /auth/login': () => request.post(`${base}/auth/login`, { headers: { Authorization: basicHeader('alice:password') } }),
  };
}

async function sendEach(routes: Record<string, () => Promise<APIResponse>>) {
  const answers: Record<string, { response: APIResponse; ms: number }> = {};
  for (const [what, send] of Object.entries(routes)) answers[what] = await timed(send);
  return answers;
}

async function addTodo(request: APIRequestContext, base: string, who: LoggedIn, text: string): Promise<TodoView> {
  const response = await request.post(`${base}/api/todos`, { headers: who.auth, data: { text } });
  expect(response.status()).toBe(201);
  return (await response.json()) as TodoView;
}

async function todosOf(request: APIRequestContext, base: string, who: LoggedIn): Promise<TodoView[]> {
  const response = await request.get(`${base}/api/todos`, { headers: who.auth });
  expect(response.status()).toBe(200);
  return ((await response.json()) as TodoList).todos;
}

/** POST /auth/refresh with the session's cookie; the session's next cookie and CSRF token when it answers 200. */
async function refresh(request: APIRequestContext, base: string, who: LoggedIn): Promise<APIResponse> {
  const response = await request.post(`${base}/auth/refresh`, { headers: { Cookie: `${COOKIES.refresh}=${who.refreshToken}`, Origin: base, 'X-CSRF-Token': who.csrf } });
  if (response.status() === 200) {
    const body = (await response.json()) as { access_token: string; csrf_token: string };
    Object.assign(who, { token: body.access_token, csrf: body.csrf_token, auth: { Authorization: `Bearer ${body.access_token}` }, refreshToken: cookieValue(setCookies(response), COOKIES.refresh)! });
  }
  return response;
}

test.describe('PostgreSQL killed under DATABASE_URL + REDIS_URL, then restarted', () => {
  const stack: Stack = {};
  test.beforeAll(() => startStack(stack));
  test.afterAll(() => stopStack(stack));

  test('answers the record routes 503 within the bound, keeps sessions going, and recovers with every record kept', async ({ request }) => {
    const { server, postgres } = stack as Required<Stack>;
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const before = await addTodo(request, server.url, alice, 'added before the crash');
    const carol = await newUser(request, alice, 'user', server.url);

    await postgres.kill();
    await expectUnavailable(await sendEach(recordRoutes(request, server.url, alice, 'sent while PostgreSQL is down')));
    // The session lives in Redis: it is still checked, and still refreshes.
    expect((await request.get(`${server.url}/protected`, { headers: alice.auth })).status()).toBe(200);
    expect((await refresh(request, server.url, alice)).status()).toBe(200);
    // The tutorial's login needs no record.
    expect((await request.get(`${server.url}/login`, { headers: { Authorization: basicHeader('alice:password') } })).status()).toBe(200);

    await postgres.start();
    await expect.poll(async () => (await request.get(`${server.url}/api/todos`, { headers: alice.auth })).status(), { timeout: RECOVERY_MS }).toBe(200);
    expect(await todosOf(request, server.url, alice), 'what was committed before the crash').toEqual([before]);
    await logIn(request, carol.name, carol.password, { base: server.url });
  });

  test('says so in its log, with no stack trace, no error marker and no URL', () => {
    const output = stack.server!.output();
    expect(output).toMatch(/PostgreSQL is unreachable/);
    expect(output).toMatch(/PostgreSQL is reachable again/);
    expect(output).not.toMatch(/\n\s+at |⨯|eyJ[\w-]{10,}|postgres:\/\//);
  });
});

test.describe('PostgreSQL frozen (SIGSTOP) under DATABASE_URL + REDIS_URL, then thawed (SIGCONT)', () => {
  const stack: Stack = {};
  test.beforeAll(() => startStack(stack));
  test.afterAll(() => stopStack(stack));

  test('answers 503 within the bound, and once thawed has lost nothing, logged nobody out and made no write twice', async ({ request }) => {
    const { server, postgres } = stack as Required<Stack>;
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const before = await addTodo(request, server.url, alice, 'added before the freeze');
    const carol = await newUser(request, alice, 'user', server.url);

    // Writers adding to-dos one after another, four at once, each with a text of its own: the
    // freeze comes while some are in flight, each somewhere in its session check or its transaction.
    const writes: { text: string; status: number; ms: number }[] = [];
    let writing = true;
    const writers = [0, 1, 2, 3].map(async (writer) => {
      for (let i = 0; writing; i++) {
        const text = `write ${writer}.${i}`;
        const { response, ms } = await timed(() => request.post(`${server.url}/api/todos`, { headers: alice.auth, data: { text } }));
        writes.push({ text, status: response.status(), ms });
      }
    });
    await expect.poll(() => writes.filter((write) => write.status === 201).length).toBeGreaterThanOrEqual(8);
    postgres.freeze();
    let frozen;
    try {
      // Long enough for every write in flight to run into the freeze, and for new ones to be refused.
      await new Promise((resolve) => setTimeout(resolve, BOUND_MS));
      writing = false;
      await Promise.all(writers);
      frozen = await sendEach(recordRoutes(request, server.url, alice, 'sent while PostgreSQL is frozen'));
    } finally {
      postgres.thaw();
    }
    await expectUnavailable(frozen);
    await test.info().attach('writes', { body: JSON.stringify(writes) });
    for (const { text, status, ms } of writes) {
      expect([201, 503], text).toContain(status);
      expect(ms, text).toBeLessThan(BOUND_MS);
    }
    expect(writes.filter((write) => write.status === 503).length, 'writes refused during the freeze').toBeGreaterThanOrEqual(4);

    await expect.poll(async () => (await request.get(`${server.url}/api/todos`, { headers: alice.auth })).status(), { timeout: RECOVERY_MS }).toBe(200);
    const todos = await todosOf(request, server.url, alice);
    expect(todos.find((todo) => todo.id === before.id), 'what was committed before the freeze').toEqual(before);
    // A write answered 201 is kept; one answered 503 was sent to the frozen server, which may carry
    // it out once it runs again: then once, and whole. None is ever there twice.
    for (const { text, status } of writes) {
      const kept = todos.filter((todo) => todo.text === text);
      if (status === 201) expect(kept, text).toHaveLength(1);
      else expect(kept.length, text).toBeLessThanOrEqual(1);
      for (const todo of kept) expect(todo, text).toMatchObject({ text, complete: false });
    }
    expect(todos).toHaveLength(1 + writes.filter(({ text }) => todos.some((todo) => todo.text === text)).length);
    const refusedYetDone = writes.filter(({ text, status }) => status === 503 && todos.some((todo) => todo.text === text)).length;
    await test.info().attach('writes answered 503 that happened once the server ran again', { body: String(refusedYetDone) });
    expect((await refresh(request, server.url, alice)).status(), 'the session outlived the freeze').toBe(200);
    await logIn(request, carol.name, carol.password, { base: server.url });
  });
});

test.describe('Redis frozen, then killed, under DATABASE_URL + REDIS_URL', () => {
  const stack: Stack = {};
  test.beforeAll(() => startStack(stack));
  test.afterAll(() => stopStack(stack));

  // Every /api route checks the caller's session before it reads a record, so with no session
  // store the record routes fail closed too: none of them serves a record unchecked.
  test('frozen: the session routes and the record routes behind them answer 503 within the bound; thawed, the same session goes on', async ({ request }) => {
    const { server, redis } = stack as Required<Stack>;
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const before = await addTodo(request, server.url, alice, 'added before Redis froze');

    redis.freeze();
    try {
      await expectUnavailable({
        ...(await sendEach(recordRoutes(request, server.url, alice, 'sent while Redis is frozen'))),
        'POST /auth/refresh': await timed(() => refresh(request, server.url, alice)),
      });
      const tutorial = await timed(() => request.get(`${server.url}/login`, { headers: { Authorization: basicHeader('alice:password') } }));
      expect(tutorial.response.status(), "the tutorial's login needs no store").toBe(200);
      expect(tutorial.ms).toBeLessThan(BOUND_MS);
    } finally {
      redis.thaw();
    }

    await expect.poll(async () => (await request.get(`${server.url}/api/todos`, { headers: alice.auth })).status(), { timeout: RECOVERY_MS }).toBe(200);
    // The add was refused at the session check, before it reached PostgreSQL.
    expect(await todosOf(request, server.url, alice)).toEqual([before]);
    expect((await refresh(request, server.url, alice)).status(), 'the session outlived the freeze').toBe(200);
  });

  test('killed: 503 while it is down; restarted empty, the sessions are gone but the users and to-dos in PostgreSQL are not', async ({ request }) => {
    const { server, redis } = stack as Required<Stack>;
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const kept = await todosOf(request, server.url, alice);
    const carol = await newUser(request, alice, 'user', server.url);

    await redis.stop();
    await expectUnavailable(await sendEach(recordRoutes(request, server.url, alice, 'sent while Redis is down')));

    await redis.start();
    await expect.poll(async () => (await request.post(`${server.url}/auth/login`, { headers: { Authorization: basicHeader('alice:password') } })).status(), { timeout: RECOVERY_MS }).toBe(200);
    // This redis-server keeps nothing on disk: the session went with it, and says so.
    expect((await request.get(`${server.url}/api/todos`, { headers: alice.auth })).status()).toBe(401);
    const again = await logIn(request, 'alice', 'password', { base: server.url });
    expect(await todosOf(request, server.url, again)).toEqual(kept);
    await logIn(request, carol.name, carol.password, { base: server.url });
  });
});

test.describe('PostgreSQL killed under DATABASE_URL alone, then restarted', () => {
  const stack: Stack = {};
  test.beforeAll(() => startStack(stack, { redis: false }));
  test.afterAll(() => stopStack(stack));

  test('answers the session routes 503 too within the bound; restarted, it kept the sessions: nobody is logged out', async ({ request }) => {
    const { server, postgres } = stack as Required<Stack>;
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const before = await addTodo(request, server.url, alice, 'added before the crash');

    await postgres.kill();
    await expectUnavailable({
      ...(await sendEach(recordRoutes(request, server.url, alice, 'sent while PostgreSQL is down'))),
      'GET /protected': await timed(() => request.get(`${server.url}/protected`, { headers: alice.auth })),
      'POST /auth/refresh': await timed(() => refresh(request, server.url, alice)),
    });

    await postgres.start();
    await expect.poll(async () => (await request.get(`${server.url}/protected`, { headers: alice.auth })).status(), { timeout: RECOVERY_MS }).toBe(200);
    // Unlike a redis-server with no persistence, the sessions were committed: the same cookie refreshes.
    expect((await refresh(request, server.url, alice)).status(), 'the session outlived the crash').toBe(200);
    expect(await todosOf(request, server.url, alice)).toEqual([before]);
  });
});
