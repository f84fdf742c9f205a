import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../contract';
import { memoryStores, type Stores } from '../stores';
import { userForCredentials } from './login';
import { changeOwnPassword, checkPasswordChange } from './own-password';
import { hashPassword } from './passwords';
import { DEFAULT_THROTTLE, type ThrottleRules } from './throttle';

const OLD = 'correct horse battery staple';
const NEW = 'a new password nobody guessed';
// Many right passwords in flight at once, without the throttle's 429 for those past its limit.
const ROOMY: ThrottleRules = { ...DEFAULT_THROTTLE, maxFailuresPerName: 100 };

async function carolWithSessions(): Promise<{ stores: Stores; caller: { id: string; name: string; role: 'user'; sid: string } }> {
  const stores = memoryStores();
  const id = crypto.randomUUID();
  await stores.users.create({ id, name: 'carol', passwordHash: await hashPassword(OLD), role: 'user', createdAt: Date.now() });
  const session = (sid: string) =>
    stores.sessions.create(sid, { userId: id, user: 'carol', role: 'user', accessTtl: 300, end: Date.now() / 1000 + 3600, jti: sid, iat: 0, createdAt: Date.now(), refreshedAt: null, userAgent: 'test' }, Date.now() + 3_600_000);
  await Promise.all([session('this-one'), session('laptop'), session('phone')]);
  return { stores, caller: { id, name: 'carol', role: 'user', sid: 'this-one' } };
}

const logsIn = async (stores: Stores, password: string) => (await userForCredentials(stores.users, { username: 'carol', password })) !== null;

describe('the body of PUT /api/me/password', () => {
  it('takes the current password and a new one', async () => {
    expect(await checkPasswordChange({ current_password: 'password', new_password: NEW }, 'carol')).toEqual({ ok: true, value: { currentPassword: 'password', newPassword: NEW } });
  });

  it.each([
    [{ new_password: NEW }, 'current_password'],
    [{ current_password: '', new_password: NEW }, 'current_password'],
    [{ current_password: 'x'.repeat(257), new_password: NEW }, 'current_password'],
    [{ current_password: OLD }, 'new_password'],
    [{ current_password: OLD, new_password: 'too short' }, 'new_password'],
    [{ current_password: OLD, new_password: 'passwordpassword' }, 'new_password'],
    [{ current_password: OLD, new_password: NEW, role: 'admin' }, 'role'],
  ])('refuses %j, naming %s', async (body, field) => {
    expect(await checkPasswordChange(body, 'carol')).toMatchObject({ ok: false, field, message: expect.any(String) });
  });

  it('refuses the user\'s own name as the new password, saying why', async () => {
    expect(await checkPasswordChange({ current_password: OLD, new_password: 'Carol.Carolsson' }, 'carol.carolsson')).toEqual({ ok: false, field: 'new_password', message: MESSAGES.passwordBlocked });
  });
});

describe('changing one\'s own password', () => {
  it('takes the new password, ends every other session and keeps this one', async () => {
    const { stores, caller } = await carolWithSessions();
    expect(await changeOwnPassword(stores, DEFAULT_THROTTLE, caller, { currentPassword: OLD, newPassword: NEW }, false)).toEqual({ ok: true });
    expect(await logsIn(stores, NEW)).toBe(true);
    expect(await logsIn(stores, OLD)).toBe(false);
    const now = Date.now();
    expect(await Promise.all(['this-one', 'laptop', 'phone'].map((sid) => stores.sessions.isLive(sid, now)))).toEqual([true, false, false]);
  });

  it('refuses a wrong current password, changing nothing and ending no session', async () => {
    const { stores, caller } = await carolWithSessions();
    expect(await changeOwnPassword(stores, DEFAULT_THROTTLE, caller, { currentPassword: 'not my password at all', newPassword: NEW }, false)).toEqual({ ok: false, reason: 'wrong_current' });
    expect(await logsIn(stores, OLD)).toBe(true);
    expect(await stores.sessions.isLive('laptop', Date.now())).toBe(true);
  });

  it('counts wrong current passwords as failed logins of the name, and then refuses the right one too', async () => {
    const { stores, caller } = await carolWithSessions();
    for (let i = 0; i < DEFAULT_THROTTLE.maxFailuresPerName; i++) await changeOwnPassword(stores, DEFAULT_THROTTLE, caller, { currentPassword: `wrong ${i}`, newPassword: NEW }, false);
    expect(await changeOwnPassword(stores, DEFAULT_THROTTLE, caller, { currentPassword: OLD, newPassword: NEW }, false)).toMatchObject({ ok: false, reason: 'throttled', retryAfter: DEFAULT_THROTTLE.lockSeconds });
    expect(await logsIn(stores, OLD)).toBe(true);
  });

  it('lets one of twenty changes sent at once win, and tells the others', async () => {
    const { stores, caller } = await carolWithSessions();
    const passwords = Array.from({ length: 20 }, (_, i) => `${NEW} number ${i}`);
    const outcomes = await Promise.all(passwords.map((newPassword) => changeOwnPassword(stores, ROOMY, caller, { currentPassword: OLD, newPassword }, false)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'changed_meanwhile')).toHaveLength(19);
    const winner = passwords[outcomes.findIndex((outcome) => outcome.ok)]!;
    expect(await logsIn(stores, winner)).toBe(true);
    for (const password of [OLD, ...passwords.filter((p) => p !== winner)]) expect(await logsIn(stores, password)).toBe(false);
    expect(await stores.sessions.isLive('this-one', Date.now())).toBe(true);
  });
});
