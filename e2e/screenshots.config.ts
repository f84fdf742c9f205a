import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// `npm run screenshots`: the same production server as the e2e suite, running only the screenshot script.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots.run.ts',
  reporter: 'line',
});
