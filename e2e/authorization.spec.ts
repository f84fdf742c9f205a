import type { APIRequestContext } from '@playwright/test';
import { decodeJwt } from 'jose';
import { MESSAGES, type SessionList, type TodoList, type TodoView, type UserList, type UserView } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { allUsers, logIn, newUser, type LoggedIn } from './api-client';
import { layers } from './layers';
import { expect, test } from './openapi';
import { startProductionServer, type ProductionServer } from './production-server';
import { OWN_SERVER, TEST_JWT_SECRET } from './server';
import { sameSitePost } from './session-client';

// Who may do what: the /api routes against the production server, on Redis (project "chromium")
// and on the memory store (project "memory store"). Every answer is also checked against
// docs/openapi.yaml. Tests make users of their own, so that none changes another's.

const origin = () => new URL(test.info().project.use.baseURL!).origin;

test.describe('your to-dos', () => {
  test('are added (201, Location), listed newest first, read, changed and deleted', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const user = await newUser(request, alice);
    const me = await logIn(request, user.name, user.password);
    const add = async (text: string) => {
      const response = await request.post('/api/todos', { headers: me.auth, data: { text } });
      expect(response.status()).toBe(201);
      const todo = (await response.json()) as TodoView;
      expect(response.headers().location).toBe(`/api/todos/${todo.id}`);
      return todo;
    };
    const milk = await add('milk');
    const bread = await add('  bread  ');
    expect(bread.text).toBe('bread');
    const list = await request.get('/api/todos', { headers: me.auth });
    expect(((await list.json()) as TodoList).todos.map((t) => t.text)).toEqual(['bread', 'milk']);
    expect(layers(list.headers())).toEqual(['gate verified (session not checked)', 'route verified (session live)']);

    expect(await (await request.get(`/api/todos/${milk.id}`, { headers: me.auth })).json()).toEqual(milk);
    const done = await request.patch(`/api/todos/${milk.id}`, { headers: me.auth, data: { complete: true } });
    expect(await done.json()).toMatchObject({ id: milk.id, text: 'milk', complete: true });
    expect((await request.delete(`/api/todos/${milk.id}`, { headers: me.auth })).status()).toBe(204);
    expect((await request.get(`/api/todos/${milk.id}`, { headers: me.auth })).status()).toBe(404);
  });

  test("are yours alone: another user's to-do is 404, never 403, and stays as it was", async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const [a, b] = [await newUser(request, alice), await newUser(request, alice)];
    const [owner, other] = [await logIn(request, a.name, a.password), await logIn(request, b.name, b.password)];
    const mine = (await (await request.post('/api/todos', { headers: owner.auth, data: { text: 'mine' } })).json()) as TodoView;

    for (const response of [
      await request.get(`/api/todos/${mine.id}`, { headers: other.auth }),
      await request.patch(`/api/todos/${mine.id}`, { headers: other.auth, data: { text: 'theirs now' } }),
      await request.delete(`/api/todos/${mine.id}`, { headers: other.auth }),
    ]) {
      expect(response.status()).toBe(404);
      expect(await response.json()).toEqual({ message: MESSAGES.notFound });
    }
    // The same answer as for an id that was never issued: nothing tells them apart.
    expect(await (await request.get(`/api/todos/${crypto.randomUUID()}`, { headers: other.auth })).json()).toEqual({ message: MESSAGES.notFound });
    expect(((await (await request.get('/api/todos', { headers: other.auth })).json()) as TodoList).todos).toEqual([]);
    expect(await (await request.get(`/api/todos/${mine.id}`, { headers: owner.auth })).json()).toEqual(mine);
  });

  test('refuse bad input with a clear 4xx and a JSON message, never a 500', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const cases: [string, Parameters<typeof request.post>[1], number, string?][] = [
      ['text/plain', { headers: { ...alice.auth, 'Content-Type': 'text/plain' }, data: 'milk' }, 415],
      ['no content type', { headers: alice.auth, data: Buffer.from('{"text":"milk"}') }, 415],
      ['not JSON', { headers: { ...alice.auth, 'Content-Type': 'application/json' }, data: '{"text":' }, 400],
      ['an array', { headers: alice.auth, data: [{ text: 'milk' }] }, 400],
      ['over 4 KiB', { headers: alice.auth, data: { text: 'x'.repeat(5000) } }, 413],
      ['an unknown field', { headers: alice.auth, data: { text: 'milk', owner: 'bob' } }, 422, 'owner'],
      ['text too long', { headers: alice.auth, data: { text: 'x'.repeat(501) } }, 422, 'text'],
      ['text empty', { headers: alice.auth, data: { text: '' } }, 422, 'text'],
      ['text a number', { headers: alice.auth, data: { text: 7 } }, 422, 'text'],
    ];
    for (const [what, options, status, field] of cases) {
      const response = await request.post('/api/todos', options);
      expect(response.status(), what).toBe(status);
      const body = (await response.json()) as { message: string; field?: string };
      expect(body.message, what).toEqual(expect.any(String));
      if (field) expect(body.field, what).toBe(field);
    }
    expect((await request.patch('/api/todos/not-an-id', { headers: alice.auth, data: { complete: true } })).status()).toBe(404);
    expect((await request.patch(`/api/todos/${crypto.randomUUID()}`, { headers: alice.auth, data: { complete: 'yes' } })).status()).toBe(422);
  });
});

test.describe('the users, for admins only', () => {
  test('refuse a user with 403 insufficient_scope, and no token with 401', async ({ request }) => {
    // A user of this test's own, not bob: the page's spec ends bob's other sessions as it runs.
    const me = await newUser(request, await logIn(request, 'alice'));
    const user = await logIn(request, me.name, me.password);
    const refused = await request.get('/api/users', { headers: user.auth });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ message: MESSAGES.insufficientScope });
    expect(refused.headers()['www-authenticate']).toBe(`Bearer realm="protected", error="insufficient_scope", error_description="${MESSAGES.insufficientScope}"`);
    // The gate let the token through; the route, which knows the user's role, refused.
    expect(layers(refused.headers())).toEqual(['gate verified (session not checked)', 'route refused']);
    for (const attempt of [
      () => request.post('/api/users', { headers: user.auth, data: { name: 'mallory', password: 'a long password, really' } }),
      () => request.patch(`/api/users/${decodeJwt(user.token).sub}`, { headers: user.auth, data: { role: 'admin' } }),
      () => request.delete(`/api/users/${decodeJwt(user.token).sub}`, { headers: user.auth }),
    ]) {
      expect((await attempt()).status()).toBe(403);
    }
    const anonymous = await request.get('/api/users');
    expect(anonymous.status()).toBe(401);
    expect(layers(anonymous.headers())).toEqual(['gate refused']);
  });

  test('are listed for an admin, never with a password hash', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const response = await request.get('/api/users', { headers: alice.auth });
    expect(response.status()).toBe(200);
    const { users } = (await response.json()) as UserList;
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['alice', 'bob']));
    expect(users.find((u) => u.name === 'bob')).toEqual({ id: expect.any(String), name: 'bob', role: 'user', createdAt: expect.any(String) });
    expect(await response.text()).not.toMatch(/argon2|passwordHash|password/);
  });

  test('are listed a page at a time, oldest first, each once, until next_cursor is null', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const made = [await newUser(request, alice), await newUser(request, alice), await newUser(request, alice)];
    const pages: UserList[] = [];
    let cursor: string | null = null;
    do {
      const response = await request.get(cursor === null ? '/api/users?limit=2' : `/api/users?limit=2&cursor=${cursor}`, { headers: alice.auth });
      expect(response.status()).toBe(200);
      const page = (await response.json()) as UserList;
      pages.push(page);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const ids = pages.flatMap((page) => page.users.map((u) => u.id));
    expect(pages.every((page) => page.users.length <= 2)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The three just made are the newest, so the walk ends with them, in the order they were made.
    expect(ids.slice(-3)).toEqual(made.map((u) => u.id));
    expect(ids).toEqual((await allUsers(request, alice)).map((u) => u.id));
    expect(((await (await request.get('/api/users', { headers: alice.auth })).json()) as UserList).users.length).toBeLessThanOrEqual(50);
  });

  test('refuse a limit or a cursor that is not one with a 400 naming it, never a 500', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const refused: [query: string, field: string][] = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['cursor=', 'cursor'],
      ['cursor=not-one', 'cursor'],
      [`cursor=${encodeURIComponent("' OR 1=1 --")}`, 'cursor'],
      [`cursor=${Buffer.from('[0,"\\u0000"]').toString('base64url')}`, 'cursor'],
      [`cursor=${'A'.repeat(5000)}`, 'cursor'],
    ];
    for (const [query, field] of refused) {
      const response = await request.get(`/api/users?${query}`, { headers: alice.auth });
      expect(response.status(), query).toBe(400);
      expect(await response.json(), query).toEqual({ field, message: expect.stringContaining(field) });
    }
    // Who asks is settled first: a user is refused for who they are, whatever the query.
    const bob = await logIn(request, 'bob');
    expect((await request.get('/api/users?limit=0', { headers: bob.auth })).status()).toBe(403);
  });

  test('are created with a NIST-length password, unique in any case, and can log in', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const carol = await newUser(request, alice);
    expect((await request.get(`/api/users/${carol.id}`, { headers: alice.auth })).status()).toBe(200);
    await logIn(request, carol.name.toUpperCase(), carol.password);
    const again = await request.post('/api/users', { headers: alice.auth, data: { name: carol.name.toUpperCase(), password: carol.password } });
    expect(again.status()).toBe(409);
    expect(await again.json()).toEqual({ message: MESSAGES.nameTaken });
    const short = await request.post('/api/users', { headers: alice.auth, data: { name: 'shortpw', password: 'fourteen chars' } });
    expect(short.status()).toBe(422);
    expect(await short.json()).toMatchObject({ field: 'password' });
    expect((await request.get('/api/users/no-such-id', { headers: alice.auth })).status()).toBe(404);
  });

  test('made for a while, are refused once their time is up and removed by themselves, their name free again', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const name = `guest${Date.now().toString(36)}`;
    const password = 'a long password for a guest';
    const made = await request.post('/api/users', { headers: alice.auth, data: { name, password, expiresIn: 2 } });
    expect(made.status()).toBe(201);
    const { id, expiresAt } = (await made.json()) as UserView;
    expect(Date.parse(expiresAt!) - Date.now()).toBeLessThanOrEqual(2000);
    const guest = await logIn(request, name, password);
    expect((await request.get('/api/todos', { headers: guest.auth })).status()).toBe(200);

    await expect.poll(async () => (await request.get('/api/todos', { headers: guest.auth })).status(), { timeout: 5000 }).toBe(401);
    expect((await request.post('/auth/login', { headers: { Authorization: basicHeader(`${name}:${password}`) } })).status()).toBe(401);
    expect((await allUsers(request, alice)).map((u) => u.id)).not.toContain(id);
    expect((await request.post('/api/users', { headers: alice.auth, data: { name, password } })).status()).toBe(201);
  });

  test("end that user's sessions at once when demoted: a stale roles claim buys nothing", async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const dana = await newUser(request, alice, 'admin');
    const session = await logIn(request, dana.name, dana.password);
    expect(decodeJwt(session.token).roles).toEqual(['admin']);
    expect((await request.get('/api/users', { headers: session.auth })).status()).toBe(200);

    const demoted = await request.patch(`/api/users/${dana.id}`, { headers: alice.auth, data: { role: 'user' } });
    expect(await demoted.json()).toMatchObject({ id: dana.id, role: 'user' });
    const refused = await request.get('/api/users', { headers: session.auth });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
    expect((await request.get('/protected', { headers: session.auth })).status()).toBe(401);
    expect((await sameSitePost(request, origin(), '/auth/refresh', session.refreshToken, session.csrf)).status()).toBe(401);
    // Logged in again, the token says user, and the route refuses the admin part with 403.
    const again = await logIn(request, dana.name, dana.password);
    expect(decodeJwt(again.token).roles).toEqual(['user']);
    expect((await request.get('/api/users', { headers: again.auth })).status()).toBe(403);
  });

  test('remove a user with their to-dos and sessions', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const erin = await newUser(request, alice);
    const session = await logIn(request, erin.name, erin.password);
    await request.post('/api/todos', { headers: session.auth, data: { text: 'soon gone' } });
    expect((await request.delete(`/api/users/${erin.id}`, { headers: alice.auth })).status()).toBe(204);
    expect((await request.get('/api/todos', { headers: session.auth })).status()).toBe(401);
    expect((await request.post('/auth/login', { headers: { Authorization: basicHeader(`${erin.name}:${erin.password}`) } })).status()).toBe(401);
    expect((await request.get(`/api/users/${erin.id}`, { headers: alice.auth })).status()).toBe(404);
    expect((await request.delete(`/api/users/${erin.id}`, { headers: alice.auth })).status()).toBe(404);
  });
});

test.describe('the last admin', { tag: OWN_SERVER }, () => {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory' });
  });
  test.afterAll(() => server.stop());

  test('cannot be demoted or removed (409), until there is another', async ({ request }) => {
    const alice = await logIn(request, 'alice', 'password', { base: server.url });
    const { sub } = decodeJwt(alice.token);
    for (const response of [
      await request.patch(`${server.url}/api/users/${sub}`, { headers: alice.auth, data: { role: 'user' } }),
      await request.delete(`${server.url}/api/users/${sub}`, { headers: alice.auth }),
    ]) {
      expect(response.status()).toBe(409);
      expect(await response.json()).toEqual({ message: MESSAGES.lastAdmin });
    }
    const bob = (((await (await request.get(`${server.url}/api/users`, { headers: alice.auth })).json()) as UserList).users.find((u) => u.name === 'bob'))!;
    expect((await request.patch(`${server.url}/api/users/${bob.id}`, { headers: alice.auth, data: { role: 'admin' } })).status()).toBe(200);
    expect((await request.patch(`${server.url}/api/users/${sub}`, { headers: alice.auth, data: { role: 'user' } })).status()).toBe(200);
    // Alice's own change of role ended her session too.
    expect((await request.get(`${server.url}/api/users`, { headers: alice.auth })).status()).toBe(401);
    const bobSession = await logIn(request, 'bob', 'password', { base: server.url });
    expect((await request.delete(`${server.url}/api/users/${bob.id}`, { headers: bobSession.auth })).status()).toBe(409);
  });
});

test.describe('your sessions', () => {
  async function twoSessions(request: APIRequestContext): Promise<[LoggedIn, LoggedIn]> {
    const alice = await logIn(request, 'alice');
    const me = await newUser(request, alice);
    return [
      await logIn(request, me.name, me.password, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.0.0 Safari/537.36' }),
      await logIn(request, me.name, me.password, { userAgent: 'curl/8.5.0' }),
    ];
  }
  const sid = (session: LoggedIn) => decodeJwt(session.token).sid as string;

  test('are listed with when each started and refreshed, its client, and which is this one', async ({ request }) => {
    const [here, there] = await twoSessions(request);
    await sameSitePost(request, origin(), '/auth/refresh', there.refreshToken, there.csrf);
    const { sessions } = (await (await request.get('/api/sessions', { headers: here.auth })).json()) as SessionList;
    expect(sessions).toEqual([
      { id: sid(here), startedAt: expect.any(String), refreshedAt: null, userAgent: 'Chrome 159 on Linux', current: true },
      { id: sid(there), startedAt: expect.any(String), refreshedAt: expect.any(String), userAgent: 'curl 8.5.0', current: false },
    ]);
  });

  test('end one: its access token is revoked at once, and its refresh cookie refused', async ({ request }) => {
    const [here, there] = await twoSessions(request);
    expect((await request.delete(`/api/sessions/${sid(there)}`, { headers: here.auth })).status()).toBe(204);
    const refused = await request.get('/api/todos', { headers: there.auth });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'revoked' });
    expect((await sameSitePost(request, origin(), '/auth/refresh', there.refreshToken, there.csrf)).status()).toBe(401);
    expect((await request.get('/api/todos', { headers: here.auth })).status()).toBe(200);
  });

  test("another user's session is 404, and stays alive", async ({ request }) => {
    const [mine] = await twoSessions(request);
    const [theirs] = await twoSessions(request);
    expect((await request.delete(`/api/sessions/${sid(theirs)}`, { headers: mine.auth })).status()).toBe(404);
    expect((await request.get('/api/todos', { headers: theirs.auth })).status()).toBe(200);
  });

  test('log out everywhere else: every other session ends, this one lives', async ({ request }) => {
    const [here, there] = await twoSessions(request);
    const ended = await request.delete('/api/sessions', { headers: here.auth });
    expect(await ended.json()).toEqual({ ended: 1 });
    expect((await request.get('/api/todos', { headers: there.auth })).status()).toBe(401);
    expect((await sameSitePost(request, origin(), '/auth/refresh', there.refreshToken, there.csrf)).status()).toBe(401);
    const { sessions } = (await (await request.get('/api/sessions', { headers: here.auth })).json()) as SessionList;
    expect(sessions.map((s) => s.id)).toEqual([sid(here)]);
  });
});

test.describe('tokens the /api routes refuse', () => {
  test("a tutorial token: 401 invalid_token at the gate, saying it carries no session", async ({ request }) => {
    const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
    const { token } = (await login.json()) as { token: string };
    const response = await request.get('/api/todos', { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ message: MESSAGES.tokenInvalid, reason: 'no_session' });
    expect(response.headers()['www-authenticate']).toContain('error_description="This token carries no session');
    expect(layers(response.headers())).toEqual(['gate refused']);
  });

  test('a session token in ?token=: 400 at the gate, the header only on /api', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const response = await request.get(`/api/todos?token=${alice.token}`);
    expect(response.status()).toBe(400);
    expect((await response.json()) as { message: string }).toEqual({ message: expect.stringContaining('Authorization header') });
    expect(layers(response.headers())).toEqual(['gate refused']);
  });

  test('a method a route does not serve: 405 with Allow', async ({ request }) => {
    const alice = await logIn(request, 'alice');
    const response = await request.put('/api/todos', { headers: alice.auth, data: {} });
    expect(response.status()).toBe(405);
    expect(response.headers().allow).toBe('GET, HEAD, POST, OPTIONS');
  });
});
