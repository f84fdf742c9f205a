import { signingKeyEnv, TEST_SIGNING_KEYS } from '../test/signing-keys';
/** The production servers the e2e suite starts: their ports and the secret they sign with. */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The same build on the memory store (AUTH_STORE=memory), for the session specs. */
export const MEMORY_STORE_URL = `http://127.0.0.1:${PORT + 1}`;
/** The same build on DATABASE_URL alone: sessions, throttle and records all in PostgreSQL. */
export const POSTGRES_ALONE_URL = `http://127.0.0.1:${PORT + 4}`;
/**
 * The tag of a describe that starts servers of its own: it runs once, in the main project, not
 * again in the projects that run its spec against another store.
 */
export const OWN_SERVER = '@own-server';
/** The redis-server behind the main server. */
export const REDIS_PORT = PORT + 2;
/** The run's PostgreSQL (e2e/postgres.ts), holding one database per server configuration. */
export const POSTGRES_PORT = PORT + 3;
export const POSTGRES_DATABASES = { main: 'e2e_main', postgresOnly: 'e2e_postgres_only' } as const;
/** The URL of one of the run's databases, as its superuser (trust authentication on loopback). */
export const postgresUrl = (database: string) => `postgres://postgres@127.0.0.1:${POSTGRES_PORT}/${database}`;
export const TEST_JWT_SECRET = 'e2e-test-secret-0123456789abcdefghijklmnop';
/** The ES256 key the servers sign access tokens with (JWT_SIGNING_KEY): a test key, never deployed. */
export const TEST_SIGNING_KEY = signingKeyEnv(TEST_SIGNING_KEYS[0]);
/** A short grace window, so a spec can step past it. */
export const TEST_GRACE_SECONDS = 2;
/** Where the servers' stdout and stderr go, so a spec can check that nothing secret was logged. */
export const SERVER_LOG = 'test-results/server.log';
export const MEMORY_SERVER_LOG = 'test-results/server-memory.log';
export const POSTGRES_ALONE_SERVER_LOG = 'test-results/server-postgres-alone.log';
/**
 * The servers' users, alice (admin) and bob (user), both with the password `password`, as in
 * development; given as ready argon2id hashes, as a deployment that holds no plain password would.
 */
export const TEST_SEED_USERS = [
  'alice:admin:$argon2id$v=19$m=19456,t=2,p=1$B5vuZG2UAvrPK83unGEgOQ$5bz/9Ja4UAa9F4ozUT4QUvDElnEQzkRH8V9ADk2BUck',
  'bob:user:$argon2id$v=19$m=19456,t=2,p=1$hhUC3kVxDNcpwVRsY2WLBw$3hkVnITq394McYeTWaEaOUnHzfH6M4jqFEAfDR+lIfs',
].join(';');
/**
 * The shared servers' throttle locks a name only after this many failed logins: many specs send
 * wrong passwords for alice, and must not lock each other out. The throttle's own spec starts
 * servers with the defaults.
 */
export const TEST_MAX_FAILURES = '100000';
