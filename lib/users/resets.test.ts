import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../contract';
import { memoryStores } from '../stores';
import { userForCredentials } from './login';
import { hashPassword } from './passwords';
import { createResetLink, RESET_LINK_SECONDS, resetLinkUser, tokenHash, redeemResetLink } from './resets';

const OLD = 'correct horse battery staple';
const NEW = 'a new password set by a link';

async function erinWithSessions() {
  const stores = memoryStores();
  const resets = stores.resets;
  const id = crypto.randomUUID();
  await stores.users.create({ id, name: 'erin', passwordHash: await hashPassword(OLD), role: 'user', createdAt: Date.now() });
  for (const sid of ['laptop', 'phone']) {
    await stores.sessions.create(sid, { userId: id, user: 'erin', role: 'user', accessTtl: 300, end: Date.now() / 1000 + 3600, jti: sid, iat: 0, createdAt: Date.now(), refreshedAt: null, userAgent: 'test' }, Date.now() + 3_600_000);
  }
  return { stores, resets, id };
}

const logsIn = async (stores: Awaited<ReturnType<typeof erinWithSessions>>['stores'], password: string) =>
  (await userForCredentials(stores.users, { username: 'erin', password })) !== null;

describe('a reset link', () => {
  it('is 32 random bytes in base64url, lasts 30 minutes, and is kept only as its hash', async () => {
    const { stores, resets, id } = await erinWithSessions();
    const now = Date.now();
    const link = (await createResetLink(stores, id, now))!;
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(link.token, 'base64url')).toHaveLength(32);
    expect(link.expiresAt).toBe(now + RESET_LINK_SECONDS * 1000);
    expect(await resets.peek(link.token, now)).toBeNull();
    expect(await resets.peek(tokenHash(link.token), now)).toBe(id);
    expect((await createResetLink(stores, id, now))!.token).not.toBe(link.token);
    expect(await createResetLink(stores, 'nobody')).toBeNull();
  });

  it('sets the new password once, ending every session of the user, and is then gone', async () => {
    const { stores, id } = await erinWithSessions();
    const { token } = (await createResetLink(stores, id))!;
    expect(await resetLinkUser(stores, token)).toMatchObject({ id, name: 'erin' });
    expect(await redeemResetLink(stores, token, NEW)).toEqual({ ok: true });
    expect(await logsIn(stores, NEW)).toBe(true);
    expect(await logsIn(stores, OLD)).toBe(false);
    expect(await stores.sessions.listForUser(id, Date.now())).toEqual([]);
    expect(await redeemResetLink(stores, token, `${NEW} again`)).toEqual({ ok: false, reason: 'gone' });
    expect(await resetLinkUser(stores, token)).toBeNull();
    expect(await logsIn(stores, NEW)).toBe(true);
  });

  it('refuses a new password on the blocklist or too short, and stays usable', async () => {
    const { stores, id } = await erinWithSessions();
    const { token } = (await createResetLink(stores, id))!;
    expect(await redeemResetLink(stores, token, 'erinerinerinerin')).toEqual({ ok: false, reason: 'refused', message: MESSAGES.passwordBlocked });
    expect(await redeemResetLink(stores, token, 'short')).toMatchObject({ ok: false, reason: 'refused' });
    expect(await logsIn(stores, OLD)).toBe(true);
    expect(await stores.sessions.isLive('laptop', Date.now())).toBe(true);
    expect(await redeemResetLink(stores, token, NEW)).toEqual({ ok: true });
  });

  it('is gone once ended, unknown, malformed, or replaced by a newer one', async () => {
    const { stores, id } = await erinWithSessions();
    const ended = (await createResetLink(stores, id, Date.now() - RESET_LINK_SECONDS * 1000))!;
    expect(await redeemResetLink(stores, ended.token, NEW)).toEqual({ ok: false, reason: 'gone' });
    const replaced = (await createResetLink(stores, id))!;
    await createResetLink(stores, id);
    for (const token of [replaced.token, 'A'.repeat(43), 'not a token', '', `${replaced.token}\0`]) {
      expect(await redeemResetLink(stores, token, NEW)).toEqual({ ok: false, reason: 'gone' });
    }
    expect(await logsIn(stores, OLD)).toBe(true);
  });

  it('lets exactly one of twenty uses at once set its password', async () => {
    const { stores, id } = await erinWithSessions();
    const { token } = (await createResetLink(stores, id))!;
    const passwords = Array.from({ length: 20 }, (_, i) => `${NEW} number ${i}`);
    const outcomes = await Promise.all(passwords.map((password) => redeemResetLink(stores, token, password)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'gone')).toHaveLength(19);
    expect(await logsIn(stores, passwords[outcomes.findIndex((outcome) => outcome.ok)]!)).toBe(true);
  });
});
