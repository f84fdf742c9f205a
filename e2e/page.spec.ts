import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './server';

const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

async function send(page: Page, title: string) {
  await card(page, title).getByRole('button', { name: /^Send/ }).click();
}

async function logIn(page: Page, { user = 'alice', password = 'password', lifetime = '30 min' } = {}) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('radio', { name: lifetime }).check();
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

const step = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });

// The server's real clock decides expiry: ask it for a 2-second token when the page asks for 15 s.
async function shortenLifetimeToTwoSeconds(page: Page) {
  await page.route('**/login?ttl=15', (route) => route.continue({ url: route.request().url().replace('ttl=15', 'ttl=2') }));
}

test('walks through every step of the tutorial and ticks each one', async ({ page }) => {
  await shortenLifetimeToTwoSeconds(page);
  await page.goto('/');
  await expect(page.getByText('0 of 7 done')).toBeVisible();

  await send(page, 'GET /unprotected');
  await expect(card(page, 'GET /unprotected').getByText('200 OK')).toBeVisible();
  await expect(card(page, 'GET /unprotected').getByText('Anyone can view this!')).toBeVisible();
  await expect(step(page, 'Call the open route')).toContainText('(done)');

  await expect(card(page, 'GET /protected with Authorization: Bearer').getByRole('button', { name: /^Send/ })).toBeDisabled();
  await logIn(page);
  const inspector = page.getByRole('region', { name: 'Your token' });
  await expect(inspector.getByText('Decoded in your browser, unverified.')).toBeVisible();
  await expect(inspector.getByText('"user": "alice"')).toBeVisible();
  await expect(inspector.getByRole('timer')).toHaveText(/^(30:00|29:5\d)$/);
  await expect(step(page, 'Log in')).toContainText('(done)');

  await send(page, 'GET /protected with no token');
  const missing = card(page, 'GET /protected with no token');
  await expect(missing.getByText('401 Unauthorized')).toBeVisible();
  await expect(missing.getByText('Token is missing!')).toBeVisible();
  await expect(missing.getByText('WWW-Authenticate: Bearer realm="protected"')).toBeVisible();
  await expect(step(page, 'Call /protected with no token')).toContainText('(done)');

  await send(page, 'GET /protected?token=thisisthesecretkey');
  await expect(card(page, 'GET /protected?token=thisisthesecretkey').getByText('"reason": "malformed"')).toBeVisible();
  await expect(step(page, 'Send an invalid token')).toContainText('(done)');

  for (const title of ['GET /protected?token=<your token>', 'GET /protected with Authorization: Bearer']) {
    await send(page, title);
    await expect(card(page, title).getByText('200 OK')).toBeVisible();
    await expect(card(page, title).getByText('"user": "alice"')).toBeVisible();
    await expect(card(page, title).getByText('✓ As expected')).toBeVisible();
  }
  const bearerCard = card(page, 'GET /protected with Authorization: Bearer');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await bearerCard.getByRole('button', { name: 'Copy curl command' }).click();
  await expect(bearerCard.getByRole('status')).toHaveText('Copied');
  const token = await page.evaluate(() => sessionStorage.getItem('jwt-walkthrough:token'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `curl -i -H 'Authorization: Bearer ${token}' '${new URL('/protected', page.url()).href}'`,
  );
  await expect(page.getByRole('status').filter({ hasText: 'GET /protected with Authorization: Bearer: 200' })).toBeAttached();
  await expect(step(page, 'Send your token')).toContainText('(done)');

  await logIn(page, { lifetime: '15 s' });
  await expect(inspector.getByText('Expired', { exact: true })).toBeVisible({ timeout: 5_000 });
  await send(page, 'GET /protected with Authorization: Bearer');
  await expect(card(page, 'GET /protected with Authorization: Bearer').getByText('"reason": "expired"')).toBeVisible();
  await expect(step(page, 'Let a short token expire')).toContainText('(done)');

  await logIn(page);
  await expect(inspector.getByRole('timer')).toBeVisible();
  await expect(step(page, 'Log in again')).toContainText('(done)');
  await expect(page.getByText('7 of 7 done')).toBeVisible();
});

test('shows a wrong password refused inline, without the browser asking for credentials', async ({ page }) => {
  // Chromium reports through DevTools each time it would ask for HTTP credentials.
  const cdp = await page.context().newCDPSession(page);
  const challenged: string[] = [];
  cdp.on('Fetch.requestPaused', ({ requestId }) => void cdp.send('Fetch.continueRequest', { requestId }));
  cdp.on('Fetch.authRequired', ({ requestId, request }) => {
    challenged.push(new URL(request.url).pathname);
    void cdp.send('Fetch.continueWithAuth', { requestId, authChallengeResponse: { response: 'CancelAuth' } });
  });
  await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });

  await page.goto('/');
  await logIn(page, { password: 'wrong' });
  await expect(page.getByRole('region', { name: 'Log in' }).getByText('401: Could not verify!')).toBeVisible();
  await page.getByText('The request and the answer').click();
  await expect(page.getByText('401 Unauthorized')).toBeVisible();
  await expect(page.getByText('WWW-Authenticate: Basic realm="Login Required"')).toBeVisible();
  await expect(page.getByText('No token yet.')).toBeVisible();
  expect(challenged).toEqual([]);

  // The same server answer on a direct visit does make the browser ask: the check above can fail.
  await page.goto('/login');
  expect(challenged).toEqual(['/login']);
});

test('counts the token down each second and shows it expired at zero, offering a fresh login', async ({ page }) => {
  // Page time is paused at a fixed moment, and the login answers with a token issued at that moment.
  const issuedAt = Math.floor(Date.now() / 1000) + 60;
  const token = await new SignJWT({ user: 'alice' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 15)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  await page.route('**/login?ttl=15', (route) => route.fulfill({ json: { token } }));
  await page.clock.install();
  await page.goto('/');
  await page.clock.pauseAt(issuedAt * 1000);

  await logIn(page, { lifetime: '15 s' });
  const inspector = page.getByRole('region', { name: 'Your token' });
  await expect(inspector.getByRole('timer')).toHaveText('00:15');
  const bar = inspector.getByRole('progressbar', { name: 'Token lifetime left' });
  await expect(bar).toHaveAttribute('max', '15');
  await expect(bar).toHaveAttribute('value', '15');

  await page.clock.runFor(1000);
  await expect(inspector.getByRole('timer')).toHaveText('00:14');
  await page.clock.runFor(5000);
  await expect(inspector.getByRole('timer')).toHaveText('00:09');
  await expect(bar).toHaveAttribute('value', '9');

  await page.clock.runFor(9000);
  await expect(inspector.getByText('Expired', { exact: true })).toBeVisible();
  await expect(inspector.getByRole('status').filter({ hasText: 'The token has expired' })).toBeVisible();
  await expect(inspector.getByRole('timer')).toHaveCount(0);
  await expect(bar).toHaveAttribute('value', '0');

  await inspector.getByRole('button', { name: 'Log in again' }).click();
  await expect(page.getByLabel('Username')).toBeFocused();
  await inspector.getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByText('No token yet.')).toBeVisible();
});

test('shows a token that the server refuses once it has really expired', async ({ page }) => {
  await shortenLifetimeToTwoSeconds(page);
  await page.goto('/');
  await logIn(page, { lifetime: '15 s' });
  const title = 'GET /protected?token=<your token>';
  await send(page, title);
  await expect(card(page, title).getByText('200 OK')).toBeVisible();

  await expect(page.getByText('Expired', { exact: true })).toBeVisible({ timeout: 5_000 });
  await send(page, title);
  await expect(card(page, title).getByText('401 Unauthorized')).toBeVisible();
  await expect(card(page, title).getByText('"reason": "expired"')).toBeVisible();
  await expect(card(page, title).getByText('✓ As expected')).toBeVisible();
});

test('shows tampered and alg none tokens refused with 401', async ({ page }) => {
  await page.goto('/');
  await logIn(page);
  for (const [title, reason] of [
    ['GET /protected with a tampered token', 'bad_signature'],
    ['GET /protected with alg: none', 'unsupported_algorithm'],
  ] as const) {
    await send(page, title);
    await expect(card(page, title).getByText('401 Unauthorized')).toBeVisible();
    await expect(card(page, title).getByText(`"reason": "${reason}"`)).toBeVisible();
    await expect(card(page, title).getByText('✓ As expected')).toBeVisible();
  }
});

test('keeps the token across a reload, and forgets it on request', async ({ page }) => {
  await page.goto('/');
  await logIn(page, { user: 'bob' });
  await expect(page.getByText('"user": "bob"')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Your token' }).getByText('"user": "bob"')).toBeVisible();
  await page.getByRole('button', { name: 'Forget token' }).click();
  await page.reload();
  await expect(page.getByText('No token yet.')).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`has no serious or critical accessibility problems in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await logIn(page);
    await send(page, 'GET /unprotected');
    await send(page, 'GET /protected with a tampered token');
    await expect(card(page, 'GET /protected with a tampered token').getByText('401 Unauthorized')).toBeVisible();

    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('fits a 360 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await logIn(page);
  await send(page, 'GET /protected with Authorization: Bearer');
  await expect(card(page, 'GET /protected with Authorization: Bearer').getByText('200 OK')).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
});

for (const width of [360, 1280]) {
  test(`moves nothing when a slow answer arrives, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    // Later than the half second after a click in which the browser forgives layout shifts.
    await page.route((url) => url.pathname === '/protected', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/');
    await page.evaluate(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }
      }).observe({ type: 'layout-shift' });
    });

    const title = 'GET /protected?token=thisisthesecretkey';
    await send(page, title);
    await expect(card(page, title).getByText('Sending…')).toBeVisible();
    await expect(card(page, title).getByText('401 Unauthorized')).toBeVisible();
    await page.waitForTimeout(200); // let the observer report the frame after the answer
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
  });
}
