/** The production server the e2e suite starts: its port and the secret it signs with. */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const TEST_JWT_SECRET = 'e2e-test-secret-0123456789abcdefghijklmnop';
/** Where the e2e server's stdout and stderr go, so a spec can check that nothing secret was logged. */
export const SERVER_LOG = 'test-results/server.log';
