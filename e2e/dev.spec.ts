import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { freePort } from '@/test/redis-server';
import { TEST_JWT_SECRET } from './server';

// The quick start as a newcomer takes it: `npm run dev` on another port (the README's line), the
// page opened at 127.0.0.1 rather than localhost, and its first button answering, which it does
// only once the page has hydrated. `next dev` refuses its own scripts' requests from an origin it
// was not told of, and then nothing on the page responds.

test('npm run dev on another port serves a page that hydrates at 127.0.0.1', async ({ page }) => {
  // The first compile takes 6 to 22 s on a shared 2-core machine.
  test.setTimeout(180_000);
  const port = await freePort();
  // Its own process group, so that stopping it stops next dev, not only npm.
  const child = spawn('npm', ['run', 'dev', '--', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1', JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory' },
    detached: true,
    shell: process.platform === 'win32',
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${url}/unprotected`).catch(() => null))?.status, { timeout: 120_000, intervals: [1000] }).toBe(200);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/cross-origin/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(url);
    const open = page.getByRole('region', { name: '1. The open route', exact: true });
    await open.getByRole('button', { name: /^Send/ }).click();
    await expect(open.getByRole('status')).toContainText('200 OK', { timeout: 60_000 });
    expect(blocked).toEqual([]);
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid);
  }
});
