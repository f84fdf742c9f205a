import { test, type Page } from '@playwright/test';
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
