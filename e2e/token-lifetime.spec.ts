import { expect, test, type Page } from '@playwright/test';
import { startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';

// The page's logins against servers whose TOKEN_TTL_SECONDS is below the default 1800, as the README
// recommends, and the session login against one whose ACCESS_TTL_SECONDS is below the 15 s it
// offers: each is another production server on the suite's build.
const LOGIN = '3. Log in, get a token';
const SHORT = '8. A short token expires';

const step = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const lifetimeBar = (page: Page) => page.getByRole('progressbar', { name: 'Token lifetime left' });

async function logIn(page: Page, at: string, button = 'Log in') {
  const form = step(page, at);
  await form.getByLabel('Username').fill('alice');
  await form.getByLabel('Password').fill('password');
  await form.getByRole('button', { name: button, exact: true }).click();
}

/** A server with `TOKEN_TTL_SECONDS=ttl` for the tests of one describe block; the page, opened on it. */
function serverWithTtl(ttl: number): (page: Page) => Promise<void> {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, TOKEN_TTL_SECONDS: String(ttl) });
  });
  test.afterAll(() => server.stop());
  return async (page) => {
    await page.goto(`${server.url}/`);
  };
}

async function expectDefaultLoginToShowLifetime(page: Page, ttl: number, words: string) {
  await logIn(page, LOGIN);
  await expect(step(page, LOGIN).getByRole('status')).toContainText('200 OK');
  await expect(step(page, '4. Look inside the token').getByRole('definition').last()).toHaveText(words);
  await expect(lifetimeBar(page)).toHaveAttribute('max', String(ttl));
}

test.describe('with TOKEN_TTL_SECONDS=600', () => {
  const open = serverWithTtl(600);

  test('logs in with the page’s defaults and shows the token’s real lifetime', async ({ page }) => {
    await open(page);
    await expectDefaultLoginToShowLifetime(page, 600, '10 min (600 s)');
  });

  test('still gives the short login its 15-second token', async ({ page }) => {
    await open(page);
    await logIn(page, SHORT, 'Log in for 15 s');
    await expect(step(page, SHORT).getByRole('status')).toContainText('200 OK');
    await expect(lifetimeBar(page)).toHaveAttribute('max', '15');
  });
});

test.describe('with TOKEN_TTL_SECONDS=10, shorter than the short login asks for', () => {
  const open = serverWithTtl(10);

  test('logs in with the page’s defaults and shows the token’s real lifetime', async ({ page }) => {
    await open(page);
    await expectDefaultLoginToShowLifetime(page, 10, '10 s');
  });

  test('says why the server refuses a 15-second token, then asks for what it gives', async ({ page }) => {
    await open(page);
    const short = step(page, SHORT);
    await logIn(page, SHORT, 'Log in for 15 s');
    await expect(short.getByRole('status')).toContainText('400 Bad Request');
    await expect(short.getByRole('status')).toContainText('ttl must be a whole number of seconds from 1 to 10.');

    await short.getByRole('button', { name: 'Log in for as long as the server allows' }).click();
    await expect(short.getByRole('status')).toContainText('200 OK');
    await expect(lifetimeBar(page)).toHaveAttribute('max', '10');
    await expect(short.getByRole('button', { name: 'Log in for 10 s' })).toBeVisible();
  });

  test('never offers 15 s once a login has shown the server’s tokens are shorter', async ({ page }) => {
    await open(page);
    await logIn(page, LOGIN);
    await expect(step(page, LOGIN).getByRole('status')).toContainText('200 OK');
    await expect(step(page, SHORT).getByRole('button', { name: /^Log in/ })).toHaveText('Log in for 10 s');
    await logIn(page, SHORT, 'Log in for 10 s');
    await expect(step(page, SHORT).getByRole('status')).toContainText('200 OK');
  });
});

test.describe('with ACCESS_TTL_SECONDS=10, shorter than the session login asks for', () => {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory', ACCESS_TTL_SECONDS: '10' });
  });
  test.afterAll(() => server.stop());

  test('says why the server refuses a 15-second access token, then logs in for the server’s own', async ({ page }) => {
    await page.goto(`${server.url}/`);
    const form = step(page, '1. Log in for a session');
    await form.getByLabel('Username').fill('alice');
    await form.getByLabel('Password').fill('password');
    await form.getByRole('button', { name: 'Log in for a session' }).click();
    const answer = form.getByRole('status').first();
    await expect(answer).toContainText('400 Bad Request');
    await expect(answer).toContainText('ttl must be a whole number of seconds from 1 to 10.');
    await expect(form.getByLabel('Lifetime')).toHaveValue('server');

    await form.getByRole('button', { name: 'Log in for a session' }).click();
    await expect(answer).toContainText('200 OK');
    await expect(page.getByRole('progressbar', { name: 'Access token lifetime left' })).toHaveAttribute('max', '10');
  });
});
