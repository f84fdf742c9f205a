import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from './memory-directory';
import { MemoryThrottle } from './memory-throttle';
import { loginBuckets, NAME_WIDE_FACTOR, throttledLogin, tutorialBuckets, userForCredentials } from './login';
import { hashPassword, HASH_PARAMETERS } from './passwords';

const rules = { maxFailuresPerName: 3, maxFailuresPerIp: 5, lockSeconds: 60 };

async function directoryWithAlice(passwordHash?: string) {
  const directory = new MemoryDirectory();
  await directory.create({ id: 'id-alice', name: 'alice', passwordHash: passwordHash ?? (await hashPassword('password')), role: 'admin', createdAt: 1 });
  return directory;
}

describe('throttledLogin', () => {
  const always = (value: string | null) => async () => value;
  const alice = (ip: string | null = null, device: string | null = null) => loginBuckets(rules, { name: 'alice', ip, device });

  it('passes a good check through and refuses a bad one', async () => {
    const throttle = new MemoryThrottle();
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toEqual({ ok: true, value: 'yes' });
    expect(await throttledLogin(throttle, rules, alice(), always(null))).toEqual({ ok: false, reason: 'bad_credentials' });
  });

  it('refuses the right password too while the name is locked, without checking it, and says how long to wait', async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 3; i++) await throttledLogin(throttle, rules, loginBuckets(rules, { name: 'Alice', ip: null, device: null }), always(null));
    let checked = false;
    const right = async () => ((checked = true), 'yes');
    expect(await throttledLogin(throttle, rules, alice(), right)).toEqual({ ok: false, reason: 'throttled', retryAfter: 60 });
    expect(checked).toBe(false);
  });

  it('checks no more passwords than the limit out of a crowd sent at once, the right one in it refused', async () => {
    for (const crowd of [20, 40, 64]) {
      const throttle = new MemoryThrottle();
      let checks = 0;
      // A check that takes as long as a hash does, so that the whole crowd is in before any answer.
      const slow = (answer: string | null) => async () => (checks++, await new Promise((resolve) => setTimeout(resolve, 20)), answer);
      const attempts = Array.from({ length: crowd }, (_, i) => throttledLogin(throttle, rules, alice(), slow(i === 9 ? 'yes' : null)));
      const outcomes = await Promise.all(attempts);
      expect(checks, `${crowd} at once`).toBe(rules.maxFailuresPerName);
      expect(outcomes.filter((o) => !o.ok && o.reason === 'bad_credentials')).toHaveLength(rules.maxFailuresPerName);
      expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(crowd - rules.maxFailuresPerName);
      expect(outcomes[9]).toMatchObject({ reason: 'throttled' });
    }
  });

  it('locks an IP across names', async () => {
    const throttle = new MemoryThrottle();
    const from = (name: string, ip: string) => loginBuckets(rules, { name, ip, device: null });
    for (let i = 0; i < 5; i++) await throttledLogin(throttle, rules, from(`user${i}`, '203.0.113.9'), always(null));
    expect(await throttledLogin(throttle, rules, from('fresh', '203.0.113.9'), always('yes'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(throttle, rules, from('fresh', '198.51.100.1'), always('yes'))).toMatchObject({ ok: true });
  });

  it('where the IP is known, locks the name from that IP first, and the name everywhere only at four times that', async () => {
    const throttle = new MemoryThrottle();
    const wide = rules.maxFailuresPerName * NAME_WIDE_FACTOR;
    const ips = Array.from({ length: wide / rules.maxFailuresPerName }, (_, i) => `198.51.100.${i + 1}`);
    for (let i = 0; i < rules.maxFailuresPerName; i++) await throttledLogin(throttle, rules, alice(ips[0]!), always(null));
    expect(await throttledLogin(throttle, rules, alice(ips[0]!), always('yes'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(throttle, rules, alice('192.0.2.1'), always('yes'))).toMatchObject({ ok: true });
    for (const ip of ips.slice(1)) for (let i = 0; i < rules.maxFailuresPerName; i++) await throttledLogin(throttle, rules, alice(ip), always(null));
    expect(await throttledLogin(throttle, rules, alice('192.0.2.1'), always('yes'))).toMatchObject({ reason: 'throttled' });
  });

  it("lets a device that logged in before keep trying while the name is locked for everyone else, in a bucket of its own", async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 50; i++) await throttledLogin(throttle, rules, alice(), always(null));
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(throttle, rules, alice(null, 'device-1'), always('yes'))).toMatchObject({ ok: true });
    // Its own bucket locks at the name's limit: a stolen cookie is no way to guess at speed.
    for (let i = 0; i < 3; i++) await throttledLogin(throttle, rules, alice(null, 'device-1'), always(null));
    expect(await throttledLogin(throttle, rules, alice(null, 'device-1'), always('yes'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(throttle, rules, alice(null, 'device-2'), always('yes'))).toMatchObject({ ok: true });
  });

  it("gives a good login's attempt back, and no more: failures before it still count", async () => {
    const throttle = new MemoryThrottle();
    for (let i = 0; i < 2; i++) await throttledLogin(throttle, rules, alice(), always(null));
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toMatchObject({ ok: true });
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toMatchObject({ ok: true });
    await throttledLogin(throttle, rules, alice(), always(null));
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toMatchObject({ reason: 'throttled' });
  });

  it("keeps the tutorial's login apart: nothing it does changes a real user's count", async () => {
    const throttle = new MemoryThrottle();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) await throttledLogin(throttle, rules, alice(), always(null));
      await throttledLogin(throttle, rules, tutorialBuckets(rules, null), always('alice'));
    }
    expect(await throttledLogin(throttle, rules, alice(), always('yes'))).toMatchObject({ reason: 'throttled' });
  });

  it("counts the tutorial's failures against its one password, whatever name each guess comes with", async () => {
    const throttle = new MemoryThrottle();
    let guesses = 0;
    for (let i = 0; i < 100; i++) {
      const outcome = await throttledLogin(throttle, rules, tutorialBuckets(rules, null), always(null));
      if (outcome.ok || outcome.reason !== 'bad_credentials') break;
      guesses++;
    }
    expect(guesses).toBe(rules.maxFailuresPerIp);
    // Per IP too where it is known, at the name's limit: one client does not lock the route for all.
    const fresh = new MemoryThrottle();
    for (let i = 0; i < rules.maxFailuresPerName; i++) await throttledLogin(fresh, rules, tutorialBuckets(rules, '203.0.113.9'), always(null));
    expect(await throttledLogin(fresh, rules, tutorialBuckets(rules, '203.0.113.9'), always('x'))).toMatchObject({ reason: 'throttled' });
    expect(await throttledLogin(fresh, rules, tutorialBuckets(rules, '203.0.113.10'), always('x'))).toMatchObject({ ok: true });
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

  it('never puts back, by a rehash, a password changed while the login was checked', async () => {
    const old = await hash('password', { ...HASH_PARAMETERS, memoryCost: 8192, timeCost: 1 });
    const directory = await directoryWithAlice(old);
    const changed = await hashPassword('a password changed meanwhile');
    // The login reads alice's old hash; her password changes before it verifies and rehashes.
    const racing = Object.create(directory) as MemoryDirectory;
    racing.byName = async (name) => {
      const user = await directory.byName(name);
      await directory.setPasswordHash('id-alice', changed, null);
      return user;
    };
    await userForCredentials(racing, { username: 'alice', password: 'password' });
    expect((await directory.byId('id-alice'))!.passwordHash).toBe(changed);
  });
});
