import { describe, expect, it } from 'vitest';
import { USERS_PAGE } from '../contract';
import { memoryStores } from '../stores';
import { MESSAGES } from '../contract';
import { checkNewPassword, checkNewUser, checkPassword, checkRoleChange, checkUserListQuery, createUser, listUsers, MAX_EXPIRES_IN_SECONDS, removeExpiredUsers, SWEEP_BATCH } from './accounts';
import { encodeCursor } from './cursor';

const LONG = 'correct horse battery staple';

describe('the body of POST /api/users', () => {
  it('takes a name, a password and a role, the role user by default', async () => {
    expect(await checkNewUser({ name: 'carol', password: LONG })).toEqual({ ok: true, value: { name: 'carol', password: LONG, role: 'user' } });
    expect(await checkNewUser({ name: 'dave', password: LONG, role: 'admin' })).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it.each([
    [{ password: LONG }, 'name'],
    [{ name: 'a b', password: LONG }, 'name'],
    [{ name: '-dash-first', password: LONG }, 'name'],
    [{ name: 'x'.repeat(33), password: LONG }, 'name'],
    [{ name: 'ｆｕｌｌ', password: LONG }, 'name'],
    [{ name: 'carol\u0000', password: LONG }, 'name'],
    [{ name: 'carol\ud800', password: LONG }, 'name'],
    [{ name: "carol'--", password: LONG }, 'name'],
    [{ name: 'carol' }, 'password'],
    [{ name: 'carol', password: 'short' }, 'password'],
    [{ name: 'carol', password: 12345678901234567 }, 'password'],
    [{ name: 'carol', password: LONG, role: 'root' }, 'role'],
    [{ name: 'carol', password: LONG, admin: true }, 'admin'],
    [{ name: 'carol', password: LONG, expiresIn: 0 }, 'expiresIn'],
    [{ name: 'carol', password: LONG, expiresIn: 1.5 }, 'expiresIn'],
    [{ name: 'carol', password: LONG, expiresIn: '3600' }, 'expiresIn'],
    [{ name: 'carol', password: LONG, expiresIn: MAX_EXPIRES_IN_SECONDS + 1 }, 'expiresIn'],
  ])('refuses %j, naming %s', async (body, field) => {
    expect(await checkNewUser(body)).toMatchObject({ ok: false, field, message: expect.any(String) });
  });
});

describe('a user made for a while', () => {
  it('takes expiresIn, in whole seconds up to a week', async () => {
    expect(await checkNewUser({ name: 'dave', password: LONG, expiresIn: 3600 })).toMatchObject({ ok: true, value: { expiresIn: 3600 } });
    expect(await checkNewUser({ name: 'dave', password: LONG, expiresIn: MAX_EXPIRES_IN_SECONDS })).toMatchObject({ ok: true });
  });

  it('is shown with its end, and removed with their sessions and to-dos once it has passed', async () => {
    const all = memoryStores();
    const before = Date.now();
    const guest = await createUser(all, { name: 'guest', password: LONG, role: 'user', expiresIn: 60 });
    if (typeof guest === 'string') throw new Error(guest);
    expect(Date.parse(guest.expiresAt!) - before).toBeGreaterThanOrEqual(60_000);
    await createUser(all, { name: 'stays', password: LONG, role: 'user' });
    const now = Date.now();
    await all.sessions.create('sid-guest', { userId: guest.id, user: 'guest', role: 'user', accessTtl: 300, end: now / 1000 + 3600, jti: 'j', iat: now / 1000, createdAt: now, refreshedAt: null, userAgent: 'test' }, now + 3_600_000);
    await all.todos.add(guest.id, { id: 't', text: 'x', complete: false, createdAt: now, updatedAt: now });

    await removeExpiredUsers(all, now + 59_000);
    expect((await listUsers(all)).users.map((user) => user.name)).toEqual(['guest', 'stays']);
    expect(await all.sessions.listForUser(guest.id, now)).toHaveLength(1);
    expect(await all.todos.list(guest.id)).toHaveLength(1);

    await removeExpiredUsers(all, now + 61_000);
    expect(await all.users.expired(now + 61_000)).toEqual([]);
    expect(await all.sessions.listForUser(guest.id, now)).toEqual([]);
    expect(await all.todos.list(guest.id)).toEqual([]);
    expect(await all.users.byName('stays')).not.toBeNull();
  });
});

describe('the sweep of expired users', () => {
  it('removes a bounded batch per request, so that a thousand waiting never hold up a listing', async () => {
    const all = memoryStores();
    const now = Date.now();
    const waiting = SWEEP_BATCH * 3 + 1;
    for (let i = 0; i < waiting; i++) {
      await all.users.create({ id: `gone-${i}`, name: `gone-${i}`, passwordHash: 'h', role: 'user', createdAt: now - 1000, expiresAt: now - 1 });
    }
    await listUsers(all);
    expect(await all.users.expired(Date.now())).toHaveLength(waiting - SWEEP_BATCH);
    for (let i = 0; i < 3; i++) await listUsers(all);
    expect(await all.users.expired(Date.now())).toEqual([]);
  });
});

describe('a new password (NIST SP 800-63B-4)', () => {
  it('needs at least 15 characters, allows 64 and more, and has no rules of composition', () => {
    expect(checkPassword('x'.repeat(14)).ok).toBe(false);
    expect(checkPassword('x'.repeat(15)).ok).toBe(true);
    expect(checkPassword('all lower case words').ok).toBe(true);
    expect(checkPassword('ü'.repeat(64)).ok).toBe(true);
    expect(checkPassword('x'.repeat(256)).ok).toBe(true);
    expect(checkPassword('x'.repeat(257)).ok).toBe(false);
  });
});

describe('a new password on the blocklist (NIST SP 800-63B-4 §3.1.1.2)', () => {
  it.each([
    ['a common password of the list', '123456789qwerty'],
    ['one of the list in another case', 'PasswordStandard'],
    ['the user\'s own name', 'Maximilian.Bauer'],
    ['the user\'s name twice', 'maximilian.bauermaximilian.bauer'],
    ['the app\'s name', 'NextJS-JWT-Auth'],
    ['`password` repeated', 'passwordpasswordpassword'],
    ['one character over and over', 'x'.repeat(15)],
  ])('refuses %s, saying why without the password', async (_what, password) => {
    const checked = await checkNewPassword(password, 'maximilian.bauer', 'new_password');
    expect(checked).toEqual({ ok: false, field: 'new_password', message: MESSAGES.passwordBlocked });
    expect(JSON.stringify(checked).toLowerCase()).not.toContain(password.toLowerCase());
  });

  it('takes a long password of unrelated words, and checks the length first', async () => {
    expect(await checkNewPassword(LONG, 'carol')).toEqual({ ok: true, value: LONG });
    expect(await checkNewPassword('password', 'carol')).toMatchObject({ ok: false, message: expect.stringContaining('15 to 256 characters') });
  });

  it('refuses a new user whose password is their name', async () => {
    expect(await checkNewUser({ name: 'wilhelmina.smith', password: 'Wilhelmina.Smith' })).toMatchObject({ ok: false, field: 'password', message: MESSAGES.passwordBlocked });
  });

  it('answers in well under a millisecond once the list is built', async () => {
    await checkNewPassword(LONG, 'carol');
    const start = performance.now();
    for (let i = 0; i < 1000; i++) await checkNewPassword(`${LONG} ${i}`, 'carol');
    expect((performance.now() - start) / 1000).toBeLessThan(0.1);
  });
});

describe('the body of PATCH /api/users/:id', () => {
  it('takes {"role"} and nothing else', () => {
    expect(checkRoleChange({ role: 'admin' })).toEqual({ ok: true, value: 'admin' });
    expect(checkRoleChange({})).toMatchObject({ ok: false, field: 'role' });
    expect(checkRoleChange({ role: 'admin', name: 'x' })).toMatchObject({ ok: false, field: 'name' });
  });
});

describe('the query of GET /api/users', () => {
  const query = (search: string) => checkUserListQuery(new URLSearchParams(search));

  it('takes a limit from 1 to 100, 50 unless given, and a cursor a page gave', () => {
    expect(query('')).toEqual({ ok: true, value: { limit: USERS_PAGE.default } });
    expect(query('limit=1')).toEqual({ ok: true, value: { limit: 1 } });
    expect(query('limit=100')).toEqual({ ok: true, value: { limit: 100 } });
    const cursor = encodeCursor({ createdAt: 1_700_000_000_000, id: 'some-id' });
    expect(query(`limit=10&cursor=${cursor}`)).toEqual({ ok: true, value: { limit: 10, cursor } });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['limit=010', 'limit'],
    ['limit=1e2', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=', 'cursor'],
    ['cursor=not-a-cursor', 'cursor'],
    ["cursor=' OR 1=1 --", 'cursor'],
    ['cursor=a&cursor=b', 'cursor'],
  ])('refuses ?%s, naming %s', (search, field) => {
    expect(query(search)).toMatchObject({ ok: false, field, message: expect.any(String) });
  });
});

describe('the users list', () => {
  it('comes a page at a time, each user once, the last page saying there is no next', async () => {
    const all = memoryStores();
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await createUser(all, { name, password: LONG, role: 'user' });
    const first = await listUsers(all, { limit: 2 });
    const second = await listUsers(all, { limit: 2, cursor: first.next_cursor! });
    const third = await listUsers(all, { limit: 2, cursor: second.next_cursor! });
    expect([first, second, third].map((page) => page.users.map((user) => user.name))).toEqual([['u1', 'u2'], ['u3', 'u4'], ['u5']]);
    expect(third.next_cursor).toBeNull();
  });
});
