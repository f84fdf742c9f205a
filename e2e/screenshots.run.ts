import { test, type Page } from '@playwright/test';

// Writes the README's screenshots: the page after logging in and calling a few routes.
async function walkThrough(page: Page) {
  await page.goto('/');
  await page.getByRole('article', { name: 'GET /unprotected', exact: true }).getByRole('button', { name: /^Send/ }).click();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('radio', { name: '1 min' }).check();
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  for (const title of ['GET /protected with no token', 'GET /protected with Authorization: Bearer', 'GET /protected with a tampered token']) {
    const card = page.getByRole('article', { name: title, exact: true });
    await card.getByRole('button', { name: /^Send/ }).click();
    await card.getByText('✓ As expected').waitFor();
  }
}

// The phone shot starts at the token inspector: on a narrow screen the step list fills the first screen.
const shots = [
  { file: 'docs/screenshot-light.png', colorScheme: 'light', viewport: { width: 1280, height: 1100 }, scale: 1, from: null },
  { file: 'docs/screenshot-dark.png', colorScheme: 'dark', viewport: { width: 1280, height: 1100 }, scale: 1, from: null },
  { file: 'docs/screenshot-phone.png', colorScheme: 'light', viewport: { width: 390, height: 844 }, scale: 2, from: 'Your token' },
] as const;

for (const { file, colorScheme, viewport, scale, from } of shots) {
  test(file, async ({ browser }) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme });
    const page = await context.newPage();
    await walkThrough(page);
    await page.evaluate((heading) => {
      const target = heading ? [...document.querySelectorAll('h2')].find((h) => h.textContent === heading) : null;
      window.scrollTo(0, target ? target.getBoundingClientRect().top + window.scrollY - 16 : 0);
    }, from);
    await page.screenshot({ path: file });
    if (process.env.SCREENSHOTS_FULL) await page.screenshot({ path: file.replace('docs/', 'test-results/').replace('.png', '-full.png'), fullPage: true });
    await context.close();
  });
}
