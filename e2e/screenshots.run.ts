import { test, type Locator, type Page } from '@playwright/test';
import { startProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';

const step = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function logIn(page: Page, at: string, button: string) {
  await step(page, at).getByLabel('Username').fill('alice');
  await step(page, at).getByLabel('Password').fill('password');
  await step(page, at).getByRole('button', { name: button, exact: true }).click();
  await step(page, at).getByRole('status').getByText('200 OK').waitFor();
}

async function sendAll(page: Page, name: string) {
  for (const button of await step(page, name).getByRole('button', { name: /^Send/ }).all()) {
    await button.click();
    await step(page, name).getByText('✓ As expected').last().waitFor();
  }
}

// The README's screenshots: the page part-way through the tutorial, on a desktop and on a phone.
async function walkThrough(page: Page) {
  await page.goto('/');
  await sendAll(page, '1. The open route');
  await sendAll(page, '2. /login asks for credentials');
  await logIn(page, '3. Log in, get a token', 'Log in');
  const inspector = step(page, '4. Look inside the token');
  await inspector.getByLabel('Secret').fill(TEST_JWT_SECRET);
  await inspector.getByRole('button', { name: 'Check signature' }).click();
  await sendAll(page, '5. /protected with no token');
  await sendAll(page, '6. With a made-up token');
  await sendAll(page, '7. With your token');
}

// The desktop shots start at the top; the phone's first screen is fresh, as a visitor sees it; the
// last shot is a phone on step 8, the countdown in the bar above it, as you wait for the expiry.
const shots = [
  { file: 'docs/screenshot-light.png', colorScheme: 'light', viewport: { width: 1280, height: 1100 }, scale: 1, at: 'top' },
  { file: 'docs/screenshot-dark.png', colorScheme: 'dark', viewport: { width: 1280, height: 1100 }, scale: 1, at: 'top' },
  { file: 'docs/screenshot-phone.png', colorScheme: 'light', viewport: { width: 390, height: 844 }, scale: 2, at: 'fresh' },
  { file: 'docs/screenshot-phone-bar.png', colorScheme: 'light', viewport: { width: 390, height: 844 }, scale: 2, at: 'step 8' },
] as const;

for (const { file, colorScheme, viewport, scale, at } of shots) {
  test(file, async ({ browser }) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme });
    const page = await context.newPage();
    if (at === 'fresh') {
      await page.goto('/');
    } else {
      await walkThrough(page);
    }
    if (at === 'step 8') {
      await logIn(page, '8. A short token expires', 'Log in for 15 s');
      await step(page, '8. A short token expires').getByRole('button', { name: /^Send/ }).click();
      await step(page, '8. A short token expires').getByText('✓ As expected').waitFor();
      // The step's heading just below the bar, as scrolling to it leaves it.
      await step(page, '8. A short token expires').evaluate((section) => section.scrollIntoView());
    } else {
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await page.screenshot({ path: file });
    if (process.env.SCREENSHOTS_FULL) await page.screenshot({ path: file.replace('docs/', 'test-results/').replace('.png', '-full.png'), fullPage: true });
    await context.close();
  });
}

// The second part's key moments, for the README's "Sessions that end": a refresh the page made by
// itself (desktop, light), logout with the two tokens' answers side by side (desktop, dark), and a
// replayed refresh token logging the page out (phone). Access tokens live their real 15 s.
const SESSION_STEPS = {
  login: '1. Log in for a session',
  refresh: '2. Watch it refresh',
  logout: '4. Log out',
  replay: '5. Replay a spent refresh token',
};

async function startSession(page: Page) {
  const form = step(page, SESSION_STEPS.login);
  await form.getByLabel('Username').fill('alice');
  await form.getByLabel('Password').fill('password');
  await form.getByRole('button', { name: 'Log in for a session' }).click();
  await form.getByText('Live session for alice.').waitFor();
}

const sessionShots = [
  { file: 'docs/screenshot-sessions-refresh.png', colorScheme: 'light', viewport: { width: 1280, height: 1100 }, scale: 1, at: 'refresh' },
  { file: 'docs/screenshot-sessions-logout.png', colorScheme: 'dark', viewport: { width: 1280, height: 1100 }, scale: 1, at: 'logout' },
  { file: 'docs/screenshot-sessions-replay.png', colorScheme: 'light', viewport: { width: 390, height: 844 }, scale: 2, at: 'replay' },
] as const;

for (const { file, colorScheme, viewport, scale, at } of sessionShots) {
  test(file, async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    if (at === 'logout') await logIn(page, '3. Log in, get a token', 'Log in');
    await startSession(page);
    if (at === 'refresh') {
      // Two refreshes by itself, 12 s apart: each new jti becomes the next one's old.
      await step(page, SESSION_STEPS.refresh).getByRole('listitem').nth(1).getByText('by itself:').waitFor({ timeout: 30_000 });
      // The request as sent: the CSRF header, and the cookie the page cannot read.
      await step(page, SESSION_STEPS.refresh).getByText('The full exchange, with curl').click();
      await step(page, SESSION_STEPS.refresh).evaluate((section) => section.scrollIntoView());
    } else if (at === 'logout') {
      const logout = step(page, SESSION_STEPS.logout);
      await logout.getByRole('button', { name: 'Log out', exact: true }).click();
      await logout.getByRole('status').getByText('204 No Content').waitFor();
      for (const button of await logout.getByRole('button', { name: /^Send/ }).all()) await button.click();
      await expectTwoAnswers(logout);
      await logout.evaluate((section) => section.scrollIntoView());
    } else {
      await step(page, SESSION_STEPS.refresh).getByRole('button', { name: 'Refresh now' }).click();
      await step(page, SESSION_STEPS.refresh).getByRole('listitem').getByText('by you:').waitFor();
      const replay = step(page, SESSION_STEPS.replay);
      await replay.getByRole('button', { name: 'Replay it' }).click();
      await replay.getByText('✓ This page’s next refresh was refused').waitFor({ timeout: 20_000 });
      // From the line above the button, just below the bar: the step's words are on the screen before.
      await replay.getByText('Last spent refresh token').evaluate((line) => {
        const bar = document.querySelector('[aria-label="Your token"]')!.getBoundingClientRect();
        window.scrollBy(0, line.getBoundingClientRect().top - bar.bottom - 8);
      });
    }
    await page.screenshot({ path: file });
    await context.close();
  });
}

async function expectTwoAnswers(logout: Locator) {
  await logout.getByRole('status').getByText('"reason": "revoked"').waitFor();
  await logout.getByRole('region', { name: 'Your tutorial token' }).getByRole('status').getByText('200 OK').waitFor();
}

// The third part, for the README's "Who may do what": 403 against 200 against 401 (desktop,
// light), a demoted admin's token refused (desktop, dark), and the throttle's lock counting down
// (phone); then the account page, rendered on the server, light and dark.
const AUTHORIZATION_STEPS = {
  users: '1. Log in as bob and as alice',
  forbidden: '2. GET /api/users: 403, 200 and 401',
  role: '5. A role taken away',
  throttle: '6. Guessing passwords',
};

async function logInBobAndAlice(page: Page) {
  const users = step(page, AUTHORIZATION_STEPS.users);
  for (const name of ['bob', 'alice']) {
    await users.getByLabel(`Password for ${name}`).fill('password');
    await users.getByRole('button', { name: `Log in as ${name}`, exact: true }).click();
    await users.getByLabel(`${name}’s token’s payload`).getByText(`"user": "${name}"`).waitFor();
  }
}

async function sendInTurn(page: Page, name: string, titles: string[]) {
  for (const title of titles) {
    await step(page, name).getByRole('button', { name: `Send ${title}`, exact: true }).click();
    await step(page, name).locator('div', { has: page.getByRole('button', { name: `Send ${title}`, exact: true }) }).last().getByText('✓ As expected').waitFor();
  }
}

const authorizationShots = [
  { file: 'docs/screenshot-authorization-forbidden.png', colorScheme: 'light', viewport: { width: 1280, height: 1000 }, scale: 1, at: 'forbidden' },
  { file: 'docs/screenshot-authorization-role.png', colorScheme: 'dark', viewport: { width: 1280, height: 1000 }, scale: 1, at: 'role' },
  { file: 'docs/screenshot-authorization-throttle.png', colorScheme: 'light', viewport: { width: 390, height: 844 }, scale: 2, at: 'throttle' },
] as const;

for (const { file, colorScheme, viewport, scale, at } of authorizationShots) {
  test(file, async ({ browser }) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme });
    const page = await context.newPage();
    // The shared server locks a name only after very many failures; the throttle's shot has a server
    // of its own with the default limits.
    const own = at === 'throttle' ? await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory', LOGIN_MAX_FAILURES: undefined, LOGIN_MAX_FAILURES_PER_IP: undefined }) : null;
    await page.goto(own?.url ?? '/');
    await logInBobAndAlice(page);
    if (at === 'forbidden') {
      await sendInTurn(page, AUTHORIZATION_STEPS.forbidden, ['GET /api/users as bob', 'GET /api/users as alice', 'GET /api/users with no token']);
    } else if (at === 'role') {
      await sendInTurn(page, AUTHORIZATION_STEPS.role, [
        'POST /api/users as alice: carol, a new admin',
        'POST /auth/login as carol',
        'GET /api/users as carol',
        'PATCH /api/users/<carol> as alice: role user',
        'GET /api/users as carol, the same token',
        'DELETE /api/users/<carol> as alice',
      ]);
    } else {
      await sendInTurn(page, AUTHORIZATION_STEPS.throttle, ['POST /api/users as alice: dave, a new user']);
      await step(page, AUTHORIZATION_STEPS.throttle).getByRole('button', { name: 'Send POST /auth/login as dave, wrong passwords until 429' }).click();
      await step(page, AUTHORIZATION_STEPS.throttle).getByRole('timer').waitFor({ timeout: 60_000 });
      await sendInTurn(page, AUTHORIZATION_STEPS.throttle, ['POST /auth/login as dave, the right password']);
    }
    // The throttle's shot from its countdown on, the answers to come under it.
    const top = at === 'throttle' ? step(page, AUTHORIZATION_STEPS.throttle).getByText('wrong passwords, then 429.') : step(page, AUTHORIZATION_STEPS[at]);
    await top.evaluate((element) => {
      const bar = document.querySelector('[aria-label="Your token"]')!.getBoundingClientRect();
      window.scrollBy(0, element.getBoundingClientRect().top - bar.bottom - 8);
    });
    await page.screenshot({ path: file });
    await context.close();
    own?.stop();
  });
}

const accountShots = [
  { file: 'docs/screenshot-account.png', colorScheme: 'light', viewport: { width: 1280, height: 900 }, scale: 1 },
  { file: 'docs/screenshot-account-phone.png', colorScheme: 'dark', viewport: { width: 390, height: 844 }, scale: 2 },
] as const;

for (const { file, colorScheme, viewport, scale } of accountShots) {
  test(file, async ({ browser }) => {
    // With JavaScript off: the page as the server renders it, and every form posted without a script.
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    await page.getByLabel('New to-do').fill('Watch the follow-up video');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Watch the follow-up video').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file });
    await context.close();
  });
}
