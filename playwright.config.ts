import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './e2e/chromium';
import {
  BASE_URL,
  MEMORY_SERVER_LOG,
  MEMORY_STORE_URL,
  OWN_SERVER,
  PORT,
  POSTGRES_ALONE_SERVER_LOG,
  POSTGRES_ALONE_URL,
  POSTGRES_DATABASES,
  postgresUrl,
  REDIS_PORT,
  SERVER_LOG,
  TEST_GRACE_SECONDS,
  TEST_JWT_SECRET,
  TEST_SIGNING_KEY,
  TEST_MAX_FAILURES,
  TEST_SEED_USERS,
} from './e2e/server';
import { redisServerBinary } from './test/redis-server';

const env = {
  JWT_SECRET: TEST_JWT_SECRET,
  JWT_SIGNING_KEY: TEST_SIGNING_KEY,
  REFRESH_GRACE_SECONDS: String(TEST_GRACE_SECONDS),
  SEED_USERS: TEST_SEED_USERS,
  LOGIN_MAX_FAILURES: TEST_MAX_FAILURES,
  LOGIN_MAX_FAILURES_PER_IP: TEST_MAX_FAILURES,
  NEXT_TELEMETRY_DISABLED: '1',
};

const main = { ...env, REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`, DATABASE_URL: postgresUrl(POSTGRES_DATABASES.main) };

// Started in this order, each once the one before answers. The production build, as deployed:
// middleware on the edge runtime, NODE_ENV=production, each database migrated by
// `npm run db:migrate` before its server starts. Output goes to files that
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
    // A throwaway PostgreSQL with an empty database per configuration: e2e/postgres.ts.
    command: 'npx tsx e2e/postgres.ts',
    wait: { stdout: /PostgreSQL READY/ },
    timeout: 30_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5000 },
  },
  {
    // Sessions and the throttle in Redis, users and to-dos in PostgreSQL: production's full setup.
    command: `npm run db:migrate && npm run build && mkdir -p test-results && npm run start -- --port ${PORT} --hostname 127.0.0.1 > ${SERVER_LOG} 2>&1`,
    url: `${BASE_URL}/unprotected`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: main,
  },
  {
    command: `npm run start -- --port ${PORT + 1} --hostname 127.0.0.1 > ${MEMORY_SERVER_LOG} 2>&1`,
    url: `${MEMORY_STORE_URL}/unprotected`,
    reuseExistingServer: false,
    env: { ...env, AUTH_STORE: 'memory' },
  },
  {
    // One PostgreSQL for everything: sessions, throttle and records.
    command: `npm run db:migrate && npm run start -- --port ${PORT + 4} --hostname 127.0.0.1 > ${POSTGRES_ALONE_SERVER_LOG} 2>&1`,
    url: `${POSTGRES_ALONE_URL}/unprotected`,
    reuseExistingServer: false,
    env: { ...env, DATABASE_URL: postgresUrl(POSTGRES_DATABASES.postgresOnly) },
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
  // Playwright's default workers: half the cores, so one on CI's two. Two workers there lost a
  // race against real time in 2 of 4 full runs (a 1 s token expired before its first use; a
  // second click came after a 500 ms hold), for 15.7 → 12.7 to 15.4 minutes: not worth it.
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
      // The API's specs again, on the same build with everything in one PostgreSQL: production's
      // other configuration, whose sessions and throttle take another code path than Redis's. The
      // stores' behaviour itself is one contract suite per store in the unit tests, and the pages
      // above them do not depend on which store answers, so the page specs (about 12 of the
      // suite's 16 minutes of tests) run once, on the main server. Describes that start servers
      // of their own run once too. About half a minute of tests.
      name: 'postgres alone',
      testMatch: /\/(api|sessions|authorization|users)\.spec\.ts$/,
      grepInvert: new RegExp(OWN_SERVER),
      teardown: 'server log',
      use: { ...chromium, baseURL: POSTGRES_ALONE_URL },
    },
    {
      // The session API's spec on AUTH_STORE=memory (a single-process server, and development):
      // its wiring end to end. The memory stores pass the same contract suites in the unit tests.
      name: 'memory store',
      testMatch: /\/sessions\.spec\.ts$/,
      teardown: 'server log',
      use: { ...chromium, baseURL: MEMORY_STORE_URL },
    },
    { name: 'server log', testMatch: /server-log\.teardown\.ts/ },
  ],
  webServer,
});
