import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from './memory-directory';
import { MemoryThrottle } from './memory-throttle';
import { throttledLogin, userForCredentials } from './login';
import { hashPassword, HASH_PARAMETERS } from './passwords';

const rules = { maxFailuresPerName: 3, maxFailuresPerIp: 5, lockSeconds: 60 };

async function directoryWithAlice(passwordHash?: string) {
  const directory = new MemoryDirectory();
  await directory.create({ id: 'id-alice', name: 'alice', passwordHash: passwordHash ?? (await hashPassword('password')), role: 'admin', createdAt: 1 });
  return directory;
}

describe('throttledLogin', () => {
  const always = (value: string | null) => async () => value;

  it('passes a good check through and refuses a bad one', async () => {
    const throttle = new MemoryThrottle();
    expect(await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always('yes'))).toEqual({ ok: true, value: 'yes' });
    expect(await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always(null))).toEqual({ ok: false, reason: 'bad_credentials' });
  });

  it('refuses the right password too while the name is locked, without checking it, and says how long to wait', async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 3; i++) await throttledLogin(throttle, rules, { name: 'Alice', ip: null }, always(null));
    let checked = false;
    const right = async () => ((checked = true), 'yes');
    expect(await throttledLogin(throttle, rules, { name: 'alice', ip: null }, right)).toEqual({ ok: false, reason: 'throttled', retryAfter: 60 });
    expect(checked).toBe(false);
  });

  it('locks an IP across names', async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 5; i++) await throttledLogin(throttle, rules, { name: `user${i}`, ip: '203.0.113.9' }, always(null));
    expect(await throttledLogin(throttle, rules, { name: 'fresh', ip: '203.0.113.9' }, always('yes'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(throttle, rules, { name: 'fresh', ip: '198.51.100.1' }, always('yes'))).toMatchObject({ ok: true });
  });

  it('clears the name\'s failures at a good login', async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 2; i++) await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always(null));
    await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always('yes'));
    for (let i = 0; i < 2; i++) await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always(null));
    expect(await throttledLogin(throttle, rules, { name: 'alice', ip: null }, always('yes'))).toMatchObject({ ok: true });
  });
});

describe('userForCredentials', () => {
  it('finds the user for the right password, in any case of the name', async () => {
    const directory = await directoryWithAlice();
    expect(await userForCredentials(directory, { username: 'ALICE', password: 'password' })).toMatchObject({ id: 'id-alice' });
    expect(await userForCredentials(directory, { username: 'alice', password: 'wrong' })).toBeNull();
    expect(await userForCredentials(directory, { username: 'nobody', password: 'password' })).toBeNull();
  });

  it('stores a rehash of an old hash at a good login', async () => {
    const old = await hash('password', { ...HASH_PARAMETERS, memoryCost: 8192, timeCost: 1 });
    const directory = await directoryWithAlice(old);
    await userForCredentials(directory, { username: 'alice', password: 'password' });
    expect((await directory.byId('id-alice'))!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
