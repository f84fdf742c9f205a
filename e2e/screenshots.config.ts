import { defineConfig } from '@playwright/test';
import base, { webServer } from '../playwright.config';

const [chromium] = base.projects ?? [];

// `npm run screenshots`: the same production server as the e2e suite, running only the screenshot
// script (not the server-log check, which belongs to the full run).
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots.run.ts',
  reporter: 'line',
  projects: [{ ...chromium, teardown: undefined }],
  // Started from the project root, as the main config is, rather than from this file's folder.
  webServer: webServer.map((server) => ({ ...server, cwd: process.cwd() })),
});
