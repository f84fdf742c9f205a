import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { loadAuthConfig } from '../auth/config';
import { memoryStores, openStores, type OpenedStores, type Stores } from '../stores';
import { changeRole, removeUser } from '../users/accounts';
import { userForCredentials } from '../users/login';
import { hashPassword } from '../users/passwords';
import { startUserSession } from './sessions';

// A login racing a change of the same user's role, as the login routes run it: the password's
// verification (argon2id, some milliseconds) between reading the user and starting the session.
// In each configuration: memory; sessions in a real redis-server, users in a real PostgreSQL; and
// everything in PostgreSQL.

const config = loadAuthConfig({ JWT_SECRET: 'start-user-session-test-secret-0123456789' });
const PASSWORD = 'correct horse battery staple';
const ROUNDS = 100;

let redis: RedisServer;
let passwordHash: string;
const opened: OpenedStores[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await Promise.all(opened.map((stores) => stores.close()));
  await redis.dispose();
});

const open = (stores: OpenedStores) => (opened.push(stores), stores);
const backends: [string, () => Promise<Stores>][] = [
  ['memory', async () => memoryStores()],
  ['Redis and PostgreSQL', async () => open(openStores({ kind: 'stores', ephemeral: { kind: 'redis', url: redis.url }, records: { kind: 'postgres', url: await migratedDatabase() } }))],
  ['PostgreSQL', async () => {
    const url = await migratedDatabase();
    return open(openStores({ kind: 'stores', ephemeral: { kind: 'postgres', url }, records: { kind: 'postgres', url } }));
  }],
];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;

async function newUser(stores: Stores, role: 'admin' | 'user') {
  const user = { id: crypto.randomUUID(), name: `racer-${process.pid}-${++counter}`, passwordHash, role, createdAt: Date.now() };
  expect(await stores.users.create(user)).toBe('created');
  return user;
}

/** POST /auth/login's path, once the throttle lets it through: the password checked, then the session started. */
async function logIn(stores: Stores, name: string) {
  const user = await userForCredentials(stores.users, { username: name, password: PASSWORD });
  return user && startUserSession(config, stores, user, 300, null);
}

describe.each(backends)('a login on the %s stores', (_name, make) => {
  it(`racing a change of role, ${ROUNDS} times, leaves no live session whose role is not the directory's`, { timeout: 60_000 }, async () => {
    const stores = await make();
    await newUser(stores, 'admin'); // so that demoting the racers never meets the last-admin rule
    let live = 0;
    const stale: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const racer = await newUser(stores, 'admin');
      // The change lands before, during and after the login's hashing, round by round.
      const [issued] = await Promise.all([logIn(stores, racer.name), pause(round % 20).then(() => changeRole(stores, racer.id, 'user'))]);
      if (!issued || !(await stores.sessions.isLive(issued.sid, Date.now()))) continue;
      live++;
      const { roles } = decodeJwt(issued.body.access_token) as { roles: string[] };
      const role = (await stores.users.byId(racer.id))!.role;
      if (roles[0] !== role) stale.push(`round ${round}: token ${roles[0]}, directory ${role}`);
    }
    expect(stale).toEqual([]);
    // Some logins come through live, so the check above had sessions to look at. One whose session
    // the change ended as it was stored answers tokens of an ended session: its next call gets 401
    // revoked, as every session a role change ends does, and the user logs in again.
    expect(live).toBeGreaterThan(0);
  });

  it('racing a removal, leaves no live session', { timeout: 30_000 }, async () => {
    const stores = await make();
    const leftOver: number[] = [];
    for (let round = 0; round < 20; round++) {
      const racer = await newUser(stores, 'user');
      const [issued] = await Promise.all([logIn(stores, racer.name), pause(round % 20).then(() => removeUser(stores, racer.id))]);
      if (issued && (await stores.sessions.isLive(issued.sid, Date.now()))) leftOver.push(round);
    }
    expect(leftOver).toEqual([]);
  });
});
