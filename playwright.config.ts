import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './e2e/chromium';
import { BASE_URL, PORT, SERVER_LOG, TEST_JWT_SECRET } from './e2e/server';

export const webServer = {
  // The production build, as deployed: middleware on the edge runtime, NODE_ENV=production.
  // The server's output goes to a file that e2e/server-log.teardown.ts checks for secrets.
  command: `npm run build && mkdir -p test-results && npm run start -- --port ${PORT} --hostname 127.0.0.1 > ${SERVER_LOG} 2>&1`,
  url: `${BASE_URL}/unprotected`,
  timeout: 180_000,
  reuseExistingServer: false,
  env: {
    JWT_SECRET: TEST_JWT_SECRET,
    NEXT_TELEMETRY_DISABLED: '1',
  },
};

export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      // Once every spec has run, read what the server printed meanwhile.
      teardown: 'server log',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumExecutable(),
          // Keep Chromium from reaching for Google's services: offline machines refuse them noisily.
          args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'server log', testMatch: /server-log\.teardown\.ts/ },
  ],
  webServer,
});
