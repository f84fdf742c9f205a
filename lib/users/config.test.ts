import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SEEDS, loadUsersConfig } from './config';

const LONG = 'correct horse battery staple';

describe('loadUsersConfig', () => {
  it('seeds alice (admin) and bob (user), password "password", in development with nothing set', () => {
    const config = loadUsersConfig({ NODE_ENV: 'development' });
    expect(config.seeds).toEqual(DEVELOPMENT_SEEDS);
    expect(config.seeds.map((s) => [s.name, s.role])).toEqual([['alice', 'admin'], ['bob', 'user']]);
    expect(config.noUsers).toBe(false);
  });

  it('has no users in production with nothing set, and says so', () => {
    expect(loadUsersConfig({ NODE_ENV: 'production' })).toMatchObject({ seeds: [], noUsers: true });
  });

  it('reads SEED_USERS: a name, a role, and a plain password or a ready hash', async () => {
    const ready = await hash('another long password');
    const config = loadUsersConfig({ NODE_ENV: 'production', SEED_USERS: `alice:admin:${LONG}; bob:user:${ready}` });
    expect(config.seeds).toEqual([
      { name: 'alice', role: 'admin', secret: { password: LONG } },
      { name: 'bob', role: 'user', secret: { hash: ready } },
    ]);
    expect(config.noUsers).toBe(false);
  });

  it('keeps colons in a password', () => {
    expect(loadUsersConfig({ SEED_USERS: 'alice:admin:a:b:c:d:e:f:g:h:i' }).seeds[0]!.secret).toEqual({ password: 'a:b:c:d:e:f:g:h:i' });
  });

  it.each([
    ['a role it does not know', `alice:root:${LONG}`],
    ['no role', `alice:${LONG}`],
    ['a name with a space', `al ice:admin:${LONG}`],
    ['a password under 15 characters', 'alice:admin:password'],
    ['an empty entry', `alice:admin:${LONG};;`],
    ['a malformed hash, as a short password', 'alice:admin:$argon2id$x'],
  ])('refuses %s with the format, never echoing the password', (_what, value) => {
    expect(() => loadUsersConfig({ SEED_USERS: value })).toThrow(/^SEED_USERS must look like/);
    expect(() => loadUsersConfig({ SEED_USERS: value })).not.toThrow(/horse|password$/);
  });

  it('refuses a name given twice in any case, and seeds with no admin', () => {
    expect(() => loadUsersConfig({ SEED_USERS: `alice:admin:${LONG};ALICE:user:${LONG}` })).toThrow(/names a user twice/);
    expect(() => loadUsersConfig({ SEED_USERS: `bob:user:${LONG}` })).toThrow(/at least one admin/);
  });

  it('reads the throttle\'s limits, with documented defaults', () => {
    expect(loadUsersConfig({}).throttle).toEqual({ maxFailuresPerName: 5, maxFailuresPerIp: 20, lockSeconds: 60 });
    expect(loadUsersConfig({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_IP: '50', LOGIN_LOCK_SECONDS: '5' }).throttle).toEqual({
      maxFailuresPerName: 3,
      maxFailuresPerIp: 50,
      lockSeconds: 5,
    });
    expect(() => loadUsersConfig({ LOGIN_MAX_FAILURES: '0' })).toThrow(/^LOGIN_MAX_FAILURES must be a whole number/);
  });
});
