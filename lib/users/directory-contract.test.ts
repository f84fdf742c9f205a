import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { PostgresConnection } from '../store/postgres';
import { MAX_USERS, type UserDirectory, type UserRecord } from './directory';
import { MemoryDirectory } from './memory-directory';
import { PostgresDirectory } from './postgres-directory';

// One contract, run against every directory: memory and a real PostgreSQL (a fresh database for
// each directory made, so that counting rules see only the users each test made).

const connections: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
});

const postgresDirectory = (url: string) => {
  const connection = new PostgresConnection(url);
  connections.push(connection);
  return new PostgresDirectory(connection);
};
// Each directory its own database, so that counts start from nothing. `peers` makes directories
// that share one store, as instances do: one memory directory (one process), or connections of
// their own to one database. `capped`: the directory holds at most MAX_USERS (a process's memory
// is not sized for records; a SQL database is).
type Backend = [name: string, make: () => Promise<UserDirectory>, peers: (count: number) => Promise<UserDirectory[]>, capped: boolean];
const directories: Backend[] = [
  ['the memory directory', async () => new MemoryDirectory(), async (count) => Array<UserDirectory>(count).fill(new MemoryDirectory()), true],
  ['the PostgreSQL directory', async () => postgresDirectory(await migratedDatabase()), async (count) => {
    const url = await migratedDatabase();
    return Array.from({ length: count }, () => postgresDirectory(url));
  }, false],
];

let counter = 0;
const someone = (name: string, role: UserRecord['role'] = 'user'): UserRecord => ({
  id: `id-${++counter}`,
  name,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
  role,
  createdAt: 1_700_000_000_000 + counter,
});

describe.each(directories)('%s', (_name, make, peers, capped) => {
  let directory: UserDirectory;
  beforeAll(async () => {
    directory = await make();
  });

  it('finds a user by id and by name in any case', async () => {
    const alice = someone('Alice');
    expect(await directory.create(alice)).toBe('created');
    expect(await directory.byId(alice.id)).toEqual(alice);
    expect(await directory.byName('alice')).toEqual(alice);
    expect(await directory.byName('ALICE')).toEqual(alice);
    expect(await directory.byName('nobody')).toBeNull();
    expect(await directory.byId('nobody')).toBeNull();
  });

  it('refuses a name taken in another case', async () => {
    await directory.create(someone('carol'));
    expect(await directory.create(someone('CAROL'))).toBe('name_taken');
  });

  it('lists every user, oldest first', async () => {
    const fresh = await make();
    const [a, b] = [someone('dave'), someone('erin')];
    await fresh.create(b);
    await fresh.create(a);
    expect((await fresh.list()).map((u) => u.name)).toEqual(['dave', 'erin']);
  });

  it('changes a role, and a password hash', async () => {
    const frank = someone('frank');
    await directory.create(frank);
    expect(await directory.setRole(frank.id, 'admin')).toBe('changed');
    await directory.setPasswordHash(frank.id, '$argon2id$new');
    expect(await directory.byId(frank.id)).toMatchObject({ role: 'admin', passwordHash: '$argon2id$new' });
    expect(await directory.setRole('nobody', 'admin')).toBe('not_found');
  });

  it('never demotes or removes the last admin, and lets one go once another exists', async () => {
    const fresh = await make();
    const [root, other] = [someone('root', 'admin'), someone('other')];
    await fresh.create(root);
    await fresh.create(other);
    expect(await fresh.setRole(root.id, 'user')).toBe('last_admin');
    expect(await fresh.remove(root.id)).toBe('last_admin');
    expect(await fresh.setRole(other.id, 'admin')).toBe('changed');
    expect(await fresh.setRole(root.id, 'user')).toBe('changed');
    expect(await fresh.remove(other.id)).toBe('last_admin');
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const fresh = await make();
    const [a, b] = [someone('ann', 'admin'), someone('ben', 'admin')];
    await fresh.create(a);
    await fresh.create(b);
    const outcomes = await Promise.all([fresh.setRole(a.id, 'user'), fresh.setRole(b.id, 'user')]);
    expect(outcomes.sort()).toEqual(['changed', 'last_admin']);
    expect((await fresh.list()).filter((u) => u.role === 'admin')).toHaveLength(1);
  });

  it('keeps one admin when twenty admins on several instances demote or remove themselves at once', async () => {
    const shared = await peers(10);
    const admins = Array.from({ length: 20 }, (_, i) => someone(`admin${i}`, 'admin'));
    await Promise.all(admins.map((admin) => shared[0]!.create(admin)));
    // Every instance's connections open first, so that the twenty changes run side by side.
    await Promise.all(shared.flatMap((peer) => [peer.list(), peer.list()]));
    const outcomes = await Promise.all(admins.map((admin, i) => (i % 2 ? shared[i % 10]!.remove(admin.id) : shared[i % 10]!.setRole(admin.id, 'user'))));
    expect(outcomes.filter((outcome) => outcome === 'last_admin')).toHaveLength(1);
    expect((await shared[0]!.list()).filter((u) => u.role === 'admin')).toHaveLength(1);
  });

  it('removes a user, freeing the name', async () => {
    const gina = someone('gina');
    await directory.create(gina);
    expect(await directory.remove(gina.id)).toBe('changed');
    expect(await directory.byId(gina.id)).toBeNull();
    expect(await directory.byName('GINA')).toBeNull();
    expect(await directory.remove(gina.id)).toBe('not_found');
    expect(await directory.create(someone('Gina'))).toBe('created');
  });

  it(capped ? `holds at most ${MAX_USERS} users` : `holds more than ${MAX_USERS} users`, { timeout: 30_000 }, async () => {
    const fresh = await make();
    // A hundred at a time: a pool's queue of a thousand could outwait its bound on a loaded machine.
    for (let start = 0; start < MAX_USERS; start += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => fresh.create(someone(`u${start + i}`))));
    }
    expect(await fresh.create(someone('one-more'))).toBe(capped ? 'full' : 'created');
    expect(await fresh.list()).toHaveLength(capped ? MAX_USERS : MAX_USERS + 1);
  });

  it('finds no one by a name or an id holding a NUL character, and changes no one', async () => {
    const ivy = someone('ivy');
    await directory.create(ivy);
    expect(await directory.byName('ivy\0')).toBeNull();
    expect(await directory.byId(`${ivy.id}\0`)).toBeNull();
    expect(await directory.wasSeeded('ivy\0')).toBe(false);
    expect(await directory.setRole(`${ivy.id}\0`, 'admin')).toBe('not_found');
    await directory.setPasswordHash(`${ivy.id}\0`, '$argon2id$other');
    expect(await directory.remove(`${ivy.id}\0`)).toBe('not_found');
    expect(await directory.byId(ivy.id)).toEqual(ivy);
  });

  it('applies a seed once: removed, demoted or given another password, the seed user is not added again', async () => {
    const fresh = await make();
    const [root, sam, tess] = [someone('root', 'admin'), someone('Sam', 'admin'), someone('tess')];
    await fresh.create(root);
    expect(await fresh.seed(sam)).toBe('created');
    expect(await fresh.seed(tess)).toBe('created');
    expect(await fresh.wasSeeded('SAM')).toBe(true);

    expect(await fresh.setRole(sam.id, 'user')).toBe('changed');
    await fresh.setPasswordHash(tess.id, '$argon2id$changed');
    expect(await fresh.seed(someone('sam', 'admin'))).toBe('applied_before');
    expect(await fresh.seed(someone('tess'))).toBe('applied_before');
    expect(await fresh.byName('sam')).toMatchObject({ id: sam.id, role: 'user' });
    expect(await fresh.byName('tess')).toMatchObject({ id: tess.id, passwordHash: '$argon2id$changed' });

    expect(await fresh.remove(sam.id)).toBe('changed');
    expect(await fresh.seed(someone('sam', 'admin'))).toBe('applied_before');
    expect(await fresh.byName('sam')).toBeNull();
  });

  it('records a seed whose name a user already has, leaving that user as they are', async () => {
    const fresh = await make();
    const uma = someone('uma');
    await fresh.create(uma);
    expect(await fresh.wasSeeded('uma')).toBe(false);
    expect(await fresh.seed(someone('UMA', 'admin'))).toBe('name_taken');
    expect(await fresh.wasSeeded('uma')).toBe(true);
    expect(await fresh.remove(uma.id)).toBe('changed');
    expect(await fresh.seed(someone('uma', 'admin'))).toBe('applied_before');
    expect(await fresh.byName('uma')).toBeNull();
  });

  it('adds each seed user once when instances apply the seeds at the same moment', async () => {
    const shared = await peers(20);
    const outcomes = await Promise.all(shared.flatMap((directory) => [directory.seed(someone('vic', 'admin')), directory.seed(someone('wes'))]));
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(2);
    expect((await shared[0]!.list()).map((u) => u.name).sort()).toEqual(['vic', 'wes']);
  });

  it('finds a user whose time is up nowhere, and names them for the sweep until they are removed', async () => {
    const fresh = await make();
    const now = Date.now();
    const [stays, guest, gone] = [someone('stays'), { ...someone('guest'), expiresAt: now + 60_000 }, { ...someone('gone'), expiresAt: now - 1 }];
    await Promise.all([stays, guest, gone].map((user) => fresh.create(user)));
    expect(await fresh.byId(guest.id)).toEqual(guest);
    expect(await fresh.byId(gone.id)).toBeNull();
    expect(await fresh.byName('GONE')).toBeNull();
    expect((await fresh.list()).map((u) => u.name)).toEqual(['stays', 'guest']);
    expect(await fresh.expired(now)).toEqual([gone.id]);
    expect(await fresh.expired(now + 60_000)).toEqual(expect.arrayContaining([gone.id, guest.id]));

    expect(await fresh.remove(gone.id)).toBe('changed');
    expect(await fresh.expired(now)).toEqual([]);
    expect(await fresh.create(someone('gone'))).toBe('created');
  });

  it('counts only live admins as the last admin: one whose time is up neither keeps another in office nor stays', async () => {
    const fresh = await make();
    const [root, temp] = [someone('root', 'admin'), { ...someone('temp', 'admin'), expiresAt: Date.now() - 1 }];
    await fresh.create(root);
    await fresh.create(temp);
    expect(await fresh.setRole(root.id, 'user')).toBe('last_admin');
    expect(await fresh.remove(root.id)).toBe('last_admin');
    expect(await fresh.remove(temp.id)).toBe('changed');
    expect(await fresh.byId(root.id)).toMatchObject({ role: 'admin' });
  });
});
