/** The production servers the e2e suite starts: their ports and the secret they sign with. */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The same build on the memory store (AUTH_STORE=memory), for the session specs. */
export const MEMORY_STORE_URL = `http://127.0.0.1:${PORT + 1}`;
/** The redis-server behind the main server. */
export const REDIS_PORT = PORT + 2;
export const TEST_JWT_SECRET = 'e2e-test-secret-0123456789abcdefghijklmnop';
/** A short grace window, so a spec can step past it. */
export const TEST_GRACE_SECONDS = 2;
/** Where the servers' stdout and stderr go, so a spec can check that nothing secret was logged. */
export const SERVER_LOG = 'test-results/server.log';
export const MEMORY_SERVER_LOG = 'test-results/server-memory.log';
