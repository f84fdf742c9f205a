import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './e2e/chromium';
import {
  BASE_URL,
  MEMORY_SERVER_LOG,
  MEMORY_STORE_URL,
  PORT,
  REDIS_PORT,
  SERVER_LOG,
  TEST_GRACE_SECONDS,
  TEST_JWT_SECRET,
  TEST_MAX_FAILURES,
  TEST_SEED_USERS,
} from './e2e/server';
import { redisServerBinary } from './test/redis-server';

const env = {
  JWT_SECRET: TEST_JWT_SECRET,
  REFRESH_GRACE_SECONDS: String(TEST_GRACE_SECONDS),
  SEED_USERS: TEST_SEED_USERS,
  LOGIN_MAX_FAILURES: TEST_MAX_FAILURES,
  LOGIN_MAX_FAILURES_PER_IP: TEST_MAX_FAILURES,
  NEXT_TELEMETRY_DISABLED: '1',
};

// Started in this order, each once the one before answers. The production build, as deployed:
// middleware on the edge runtime, NODE_ENV=production. Output goes to files that
// e2e/server-log.teardown.ts checks for secrets.
export const webServer = [
  {
    // A throwaway redis-server: no persistence, its own directory.
    command: `${redisServerBinary()} --port ${REDIS_PORT} --bind 127.0.0.1 --save "" --appendonly no --dir ${mkdtempSync(path.join(tmpdir(), 'e2e-redis-'))}`,
    port: REDIS_PORT,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 2000 },
  },
  {
    command: `npm run build && mkdir -p test-results && npm run start -- --port ${PORT} --hostname 127.0.0.1 > ${SERVER_LOG} 2>&1`,
    url: `${BASE_URL}/unprotected`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: { ...env, REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` },
  },
  {
    command: `npm run start -- --port ${PORT + 1} --hostname 127.0.0.1 > ${MEMORY_SERVER_LOG} 2>&1`,
    url: `${MEMORY_STORE_URL}/unprotected`,
    reuseExistingServer: false,
    env: { ...env, AUTH_STORE: 'memory' },
  },
];

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: chromiumExecutable(),
    // Keep Chromium from reaching for Google's services: offline machines refuse them noisily.
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two spec files at a time even on two cores, not Playwright's half of the cores: most of a page
  // test waits on timers and the network: two workers took the suite from 15.7 minutes to 12.7,
  // 14.9 and 15.4 in three runs.
  // Specs running side by side must not collide: what ends sessions or changes a role is done to a
  // user of the test's own, or to bob's sessions by the page's part 3 alone. Sharing the cores, the
  // longest tests take up to 25 s: they get 60.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  timeout: 60_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      // Once every spec has run, read what the servers printed meanwhile.
      teardown: 'server log',
      use: chromium,
    },
    {
      // The session specs again, the API's and the page's, on the same build with the memory store
      // instead of Redis.
      name: 'memory store',
      testMatch: /\/(sessions|page-sessions|authorization|account)\.spec\.ts$/,
      teardown: 'server log',
      use: { ...chromium, baseURL: MEMORY_STORE_URL },
    },
    { name: 'server log', testMatch: /server-log\.teardown\.ts/ },
  ],
  webServer,
});
