import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { watchAuthDialogs } from './auth-dialogs';
import { TEST_JWT_SECRET } from './server';

// Each step is a region named by its heading.
const STEPS = {
  open: '1. The open route',
  challenge: '2. /login asks for credentials',
  login: '3. Log in, get a token',
  inspect: '4. Look inside the token',
  missing: '5. /protected with no token',
  invalid: '6. With a made-up token',
  valid: '7. With your token',
  expired: '8. A short token expires',
  again: '9. Log in again',
  tampered: '1. A tampered token',
  algNone: '2. alg: none',
} as const;

const QUERY = 'Send GET /protected?token=<your token>';
const BEARER = 'Send GET /protected with Authorization: Bearer';

const step = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const tokenBar = (page: Page) => page.getByRole('region', { name: 'Your token', exact: true });

/** The answer under a step's action: the nth answer in the step (most steps have one). */
const answer = (page: Page, name: string, nth = 0) => step(page, name).getByRole('status').nth(nth);

async function send(page: Page, name: string, button: string | RegExp = /^Send/) {
  await step(page, name).getByRole('button', { name: button }).click();
}

async function logIn(page: Page, { user = 'alice', password = 'password', at = STEPS.login as string } = {}) {
  const form = step(page, at);
  await form.getByLabel('Username').fill(user);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: /^Log in/ }).click();
}

async function expectDone(page: Page, name: string) {
  await expect(step(page, name)).toContainText('Done');
}

async function expectNotDone(page: Page, name: string) {
  await expect(step(page, name).getByText('Done', { exact: true })).toHaveCount(0);
}

// The server's real clock decides expiry: ask it for a 2-second token when the page asks for 15 s.
async function shortenLifetimeToTwoSeconds(page: Page) {
  await page.route('**/login?ttl=15', (route) => route.continue({ url: route.request().url().replace('ttl=15', 'ttl=2') }));
}

test('walks through every step of the tutorial and ticks each one', async ({ page }) => {
  await shortenLifetimeToTwoSeconds(page);
  await page.goto('/');
  const progress = page.getByRole('region', { name: 'The tutorial', exact: true }).getByText(/of 9 done/);
  await expect(progress).toHaveText('0 of 9 done');

  await send(page, STEPS.open);
  await expect(answer(page, STEPS.open)).toContainText('200 OK');
  await expect(answer(page, STEPS.open)).toContainText('Anyone can view this!');
  await expectDone(page, STEPS.open);

  await send(page, STEPS.challenge);
  await expect(answer(page, STEPS.challenge)).toContainText('401 Unauthorized');
  await step(page, STEPS.challenge).getByText('The full exchange, with curl').click();
  await expect(step(page, STEPS.challenge).getByText('WWW-Authenticate: Basic realm="Login Required"')).toBeVisible();
  await expectDone(page, STEPS.challenge);

  await expect(step(page, STEPS.valid).getByRole('button', { name: BEARER })).toBeDisabled();
  await logIn(page);
  await expect(answer(page, STEPS.login)).toContainText('200 OK');
  const inspector = step(page, STEPS.inspect);
  await expect(inspector.getByText('Decoded in your browser, unverified.')).toBeVisible();
  await expect(inspector.getByText('"user": "alice"')).toBeVisible();
  await expect(tokenBar(page).getByRole('timer')).toHaveText(/^(30:00|29:5\d)$/);
  await expectDone(page, STEPS.login);

  await inspector.getByLabel('Secret').fill(TEST_JWT_SECRET);
  await inspector.getByRole('button', { name: 'Check signature' }).click();
  await expect(inspector.getByText('Signature matches')).toBeVisible();
  await expectDone(page, STEPS.inspect);

  await send(page, STEPS.missing);
  await expect(answer(page, STEPS.missing)).toContainText('401 Unauthorized');
  await expect(answer(page, STEPS.missing)).toContainText('Token is missing!');
  await step(page, STEPS.missing).getByText('The full exchange, with curl').click();
  await expect(step(page, STEPS.missing).getByText('WWW-Authenticate: Bearer realm="protected"')).toBeVisible();
  await expectDone(page, STEPS.missing);

  await send(page, STEPS.invalid);
  await expect(answer(page, STEPS.invalid)).toContainText('"reason": "malformed"');
  await expectDone(page, STEPS.invalid);

  for (const [nth, button] of [QUERY, BEARER].entries()) {
    await send(page, STEPS.valid, button);
    await expect(answer(page, STEPS.valid, nth)).toContainText('200 OK');
    await expect(answer(page, STEPS.valid, nth)).toContainText('"user": "alice"');
    await expect(answer(page, STEPS.valid, nth)).toContainText('✓ As expected');
  }
  const valid = step(page, STEPS.valid);
  await valid.getByText('The full exchange, with curl').nth(1).click();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await valid.getByRole('button', { name: 'Copy curl command' }).click();
  await expect(valid.getByText('Copied')).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('jwt-walkthrough:token'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `curl -i -H 'Authorization: Bearer ${token}' '${new URL('/protected', page.url()).href}'`,
  );
  await expectDone(page, STEPS.valid);

  await logIn(page, { at: STEPS.expired });
  await expect(tokenBar(page).getByText('Expired', { exact: true })).toBeVisible({ timeout: 5_000 });
  await send(page, STEPS.expired);
  await expect(answer(page, STEPS.expired, 1)).toContainText('"reason": "expired"');
  await expect(answer(page, STEPS.expired, 1)).toContainText('✓ As expected');
  await expectDone(page, STEPS.expired);

  await logIn(page, { at: STEPS.again });
  await expect(tokenBar(page).getByRole('timer')).toBeVisible();
  await send(page, STEPS.again);
  await expect(answer(page, STEPS.again, 1)).toContainText('200 OK');
  await expectDone(page, STEPS.again);
  await expect(progress).toHaveText('9 of 9 done');
});

test('ticks only the step whose own button got its answer, in any order, and keeps the ticks across a reload', async ({ page }) => {
  await page.goto('/');
  const progress = page.getByRole('region', { name: 'The tutorial', exact: true }).getByText(/of 9 done/);
  await logIn(page, { at: STEPS.again });
  await expect(answer(page, STEPS.again)).toContainText('200 OK');
  await send(page, STEPS.again);
  await expect(answer(page, STEPS.again, 1)).toContainText('200 OK');
  await expectDone(page, STEPS.again);
  await expectNotDone(page, STEPS.login);
  await expectNotDone(page, STEPS.valid);
  await expect(progress).toHaveText('1 of 9 done');

  // Step 8 expects a 200 while the token lives, but is there to show it refused once expired.
  await send(page, STEPS.expired);
  await expect(answer(page, STEPS.expired)).toContainText('✓ As expected');
  await expectNotDone(page, STEPS.expired);
  await expectNotDone(page, STEPS.valid);
  await send(page, STEPS.valid, QUERY);
  await expect(answer(page, STEPS.valid)).toContainText('200 OK');
  await expectDone(page, STEPS.valid);
  await expect(progress).toHaveText('2 of 9 done');

  await page.reload();
  await expect(progress).toHaveText('2 of 9 done');
  await expectDone(page, STEPS.again);
  await expectDone(page, STEPS.valid);
  await expectNotDone(page, STEPS.login);
});

test('counts the token down from when it came, whatever the computer’s clock says, across a reload', async ({ page }) => {
  // A clock 60 s fast: by it, a fresh 15-second token's exp has long passed.
  await page.clock.install({ time: Date.now() + 60_000 });
  await page.goto('/');
  await logIn(page, { at: STEPS.expired });
  await expect(answer(page, STEPS.expired)).toContainText('200 OK');
  const timer = tokenBar(page).getByRole('timer');
  await expect(timer).toHaveText(/^00:1[0-5]$/);
  await send(page, STEPS.valid, BEARER);
  await expect(answer(page, STEPS.valid)).toContainText('200 OK');
  await expect(answer(page, STEPS.valid)).toContainText('✓ As expected');

  await page.reload();
  await expect(timer).toHaveText(/^00:(0\d|1[0-5])$/);
  await expect(step(page, STEPS.inspect).getByText('"user": "alice"')).toBeVisible();
});

test('says so where the answer would be when the browser withholds WebCrypto and the clipboard, as on plain http', async ({ page }) => {
  // A page served over http from a host other than localhost has neither.
  await page.addInitScript(() => {
    Reflect.deleteProperty(Crypto.prototype, 'subtle');
    Reflect.deleteProperty(Navigator.prototype, 'clipboard');
  });
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  await page.goto('/');
  await logIn(page);
  const inspector = step(page, STEPS.inspect);
  await inspector.getByLabel('Secret').fill(TEST_JWT_SECRET);
  await inspector.getByRole('button', { name: 'Check signature' }).click();
  await expect(inspector.getByRole('status').filter({ hasText: 'WebCrypto' })).toHaveText('No WebCrypto here: browsers offer it only over HTTPS or on localhost.');
  await inspector.getByRole('button', { name: 'Copy token' }).click();
  await expect(inspector.getByRole('status').filter({ hasText: 'Copying' })).toHaveText('Copying needs HTTPS or localhost: select the text instead.');
  await send(page, STEPS.valid, BEARER);
  const valid = step(page, STEPS.valid);
  await valid.getByText('The full exchange, with curl').click();
  await valid.getByRole('button', { name: 'Copy curl command' }).click();
  await expect(valid.getByRole('status').filter({ hasText: 'Copying' })).toHaveText('Copying needs HTTPS or localhost: select the text instead.');
  expect(uncaught).toEqual([]);
});

test('shows a refused login inline, without the browser asking for credentials', async ({ page }) => {
  const challenged = await watchAuthDialogs(page);

  await page.goto('/');
  await send(page, STEPS.challenge);
  await expect(answer(page, STEPS.challenge)).toContainText('401 Unauthorized');
  await logIn(page, { password: 'wrong' });
  await expect(answer(page, STEPS.login)).toContainText('401 Unauthorized');
  await expect(answer(page, STEPS.login)).toContainText('Could not verify!');
  await step(page, STEPS.login).getByText('The full exchange, with curl').click();
  await expect(step(page, STEPS.login).getByText('WWW-Authenticate: Basic realm="Login Required"')).toBeVisible();
  await expect(step(page, STEPS.inspect).getByText('No token yet.')).toBeVisible();
  await expect(tokenBar(page)).toContainText('No token yet.');
  expect(challenged).toEqual([]);

  // The same server answer on a direct visit does make the browser ask: the check above can fail.
  await page.goto('/login');
  expect(challenged).toEqual(['/login']);
});

test('counts the token down each second in the bar and shows it expired at zero, offering a fresh login', async ({ page }) => {
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

  await logIn(page, { at: STEPS.expired });
  const bar = tokenBar(page);
  await expect(bar.getByRole('timer')).toHaveText('00:15');
  await expect(bar).toContainText('alice');
  const lifetime = bar.getByRole('progressbar', { name: 'Token lifetime left' });
  await expect(lifetime).toHaveAttribute('max', '15');
  await expect(lifetime).toHaveAttribute('value', '15');

  await page.clock.runFor(1000);
  await expect(bar.getByRole('timer')).toHaveText('00:14');
  await page.clock.runFor(5000);
  await expect(bar.getByRole('timer')).toHaveText('00:09');
  await expect(lifetime).toHaveAttribute('value', '9');

  await page.clock.runFor(9000);
  await expect(bar.getByText('Expired', { exact: true })).toBeVisible();
  await expect(bar.getByRole('status')).toHaveText(/The token has expired/);
  await expect(bar.getByRole('timer')).toHaveCount(0);
  await expect(lifetime).toHaveAttribute('value', '0');

  await bar.getByRole('button', { name: 'Log in again' }).click();
  await expect(step(page, STEPS.again).getByLabel('Username')).toBeFocused();
  await expect(step(page, STEPS.again).getByLabel('Username')).toHaveValue('alice');
  await bar.getByRole('button', { name: 'Forget' }).click();
  await expect(bar).toContainText('No token yet.');
  await expect(step(page, STEPS.inspect).getByText('No token yet.')).toBeVisible();
});

test('shows a token that the server refuses once it has really expired', async ({ page }) => {
  await shortenLifetimeToTwoSeconds(page);
  await page.goto('/');
  await logIn(page, { at: STEPS.expired });
  await send(page, STEPS.valid, QUERY);
  await expect(answer(page, STEPS.valid)).toContainText('200 OK');

  await expect(tokenBar(page).getByText('Expired', { exact: true })).toBeVisible({ timeout: 5_000 });
  await send(page, STEPS.valid, QUERY);
  await expect(answer(page, STEPS.valid)).toContainText('401 Unauthorized');
  await expect(answer(page, STEPS.valid)).toContainText('"reason": "expired"');
  await expect(answer(page, STEPS.valid)).toContainText('✓ As expected');
});

// As admin too: tampering that set the user to admin used to leave an admin's token untouched.
for (const user of ['alice', 'admin']) {
  test(`shows tampered and alg none tokens refused with 401, logged in as ${user}`, async ({ page }) => {
    await page.goto('/');
    await logIn(page, { user });
    for (const [name, reason] of [
      [STEPS.tampered, 'bad_signature'],
      [STEPS.algNone, 'unsupported_algorithm'],
    ] as const) {
      await send(page, name);
      await expect(answer(page, name)).toContainText('401 Unauthorized');
      await expect(answer(page, name)).toContainText(`"reason": "${reason}"`);
      await expect(answer(page, name)).toContainText('✓ As expected');
      await expectDone(page, name);
    }
    await expect(page.getByRole('region', { name: 'Beyond the tutorial', exact: true }).getByText(/of 2 done/)).toHaveText('2 of 2 done');

    // The tampered token's ends are yours: shortened, it shows the stretch that differs between them.
    await step(page, STEPS.tampered).getByText('The full exchange, with curl').click();
    const shown = /Bearer (\S+)/.exec(await step(page, STEPS.tampered).locator('pre').first().innerText())?.[1] ?? '';
    const yours = (await page.evaluate(() => Object.values(sessionStorage).join(' '))).match(/[\w-]+\.[\w-]+\.[\w-]+/)?.[0] ?? '';
    const [start, middle, end] = shown.split('…');
    expect(middle).toBeTruthy();
    expect(yours.startsWith(start!) && yours.endsWith(end!)).toBe(true);
    expect(yours).not.toContain(middle);
  });
}

test('shows which layer answered each request, from Server-Timing', async ({ page }) => {
  await page.goto('/');
  await send(page, STEPS.open);
  await expect(answer(page, STEPS.open)).toContainText('No gate runs for /unprotected: the route answered on its own.');
  await send(page, STEPS.missing);
  await expect(answer(page, STEPS.missing)).toContainText(/Edge middleware: refused \((<0\.1|\d+(\.\d)?) ms\), route never ran/);
  await logIn(page);
  await expect(answer(page, STEPS.login)).toContainText('No gate runs for /login');
  await send(page, STEPS.valid, BEARER);
  await expect(answer(page, STEPS.valid)).toContainText(/Edge middleware: verified \(.+ ms\) → route: verified again \(.+ ms\)/);
});

test('shows the project’s own code that handles each step, read from the source', async ({ page }) => {
  await page.goto('/');
  const code = async (name: string) => {
    await step(page, name).getByText('The code that handles it').click();
    return step(page, name).getByRole('figure');
  };
  const gate = await code(STEPS.missing);
  await expect(gate.first()).toHaveAccessibleName(/^middleware\.ts, lines 1–\d+$/);
  await expect(gate.first()).toContainText('export async function middleware(request: NextRequest)');
  await code(STEPS.valid);
  await expect(step(page, STEPS.valid).getByRole('figure', { name: /^app\/\(api\)\/protected\/route\.ts/ })).toContainText(
    'export async function GET',
  );
  await expect(step(page, STEPS.valid).getByRole('figure', { name: /^lib\/auth\/token\.ts, verifyToken/ })).toContainText(
    'export async function verifyToken',
  );
  const login = await code(STEPS.login);
  await expect(login.first()).toContainText('app/(api)/login/route.ts');
  // Highlighted on the server: coloured spans arrive ready, with no highlighter in the browser.
  await expect(login.first().locator('.sh-keyword').first()).toBeVisible();
});

test('loads a step’s code when its disclosure first opens: the page’s first load carries none of it', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  expect(html.length, 'the first HTML, raw').toBeLessThanOrEqual(250_000);
  expect(html).not.toContain('export async function middleware');
  const loads: string[] = [];
  page.on('request', (sent) => sent.url().includes('/code/') && loads.push(new URL(sent.url()).pathname));
  await page.goto('/');
  await expect(step(page, STEPS.missing)).toBeVisible();
  expect(loads).toEqual([]);
  await step(page, STEPS.missing).getByText('The code that handles it').click();
  await expect(step(page, STEPS.missing).getByRole('figure').first()).toContainText('export async function middleware(request: NextRequest)');
  expect(loads).toEqual(['/code/missing/excerpts']);
  // Closed and opened again: loaded once.
  await step(page, STEPS.missing).getByText('The code that handles it').click();
  await step(page, STEPS.missing).getByText('The code that handles it').click();
  expect(loads).toHaveLength(1);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a step’s code opens on a page of its own', async ({ page }) => {
    await page.goto('/');
    await step(page, STEPS.valid).getByText('The code that handles it').click();
    await step(page, STEPS.valid).getByRole('link', { name: 'Open the code on a page of its own' }).click();
    await expect(page).toHaveURL(/\/code\/valid$/);
    await expect(page.getByRole('figure', { name: /^lib\/auth\/token\.ts, verifyToken/ })).toContainText('export async function verifyToken');
    await expect(page.locator('.sh-keyword').first()).toBeVisible();
    await page.getByRole('link', { name: 'Back to the step' }).click();
    await expect(page).toHaveURL(/\/#step-valid$/);
  });
});

test('links to From Flask to Next.js, rendered from docs/FROM-FLASK.md', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'From Flask to Next.js' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'From Flask to Next.js' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'token_required decorator' })).toContainText('middleware.ts');
  await expect(page.getByRole('row').filter({ hasText: 'loads current_user' })).toContainText('lib/dal.ts');
  await expect(page.getByRole('heading', { name: '401, where the video answers 403' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('link', { name: '← The walkthrough' }).click();
  await expect(step(page, STEPS.open)).toBeVisible();
});

test('keeps the token across a reload, and forgets it on request', async ({ page }) => {
  await page.goto('/');
  await logIn(page, { user: 'bob' });
  await expect(step(page, STEPS.inspect).getByText('"user": "bob"')).toBeVisible();
  await page.reload();
  await expect(step(page, STEPS.inspect).getByText('"user": "bob"')).toBeVisible();
  await tokenBar(page).getByRole('button', { name: 'Forget' }).click();
  await page.reload();
  await expect(step(page, STEPS.inspect).getByText('No token yet.')).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`has no serious or critical accessibility problems in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await logIn(page);
    await send(page, STEPS.open);
    await send(page, STEPS.tampered);
    await expect(answer(page, STEPS.tampered)).toContainText('401 Unauthorized');
    await step(page, STEPS.tampered).getByText('The full exchange, with curl').click();
    await step(page, STEPS.valid).getByText('The code that handles it').click();
    await expect(step(page, STEPS.valid).getByRole('figure').first()).toBeVisible();
    const inspector = step(page, STEPS.inspect);
    await inspector.getByLabel('Secret').fill('thisisthesecretkey');
    await inspector.getByRole('button', { name: 'Check signature' }).click();
    await expect(inspector.getByText('Signature does not match')).toBeVisible();

    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('fits a 360 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await logIn(page);
  await send(page, STEPS.valid, BEARER);
  await expect(answer(page, STEPS.valid)).toContainText('200 OK');
  await step(page, STEPS.valid).getByText('The full exchange, with curl').click();
  await step(page, STEPS.valid).getByText('The code that handles it').click();
  await expect(step(page, STEPS.valid).getByRole('figure').first()).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
});

// Every Send or Log in button of every step of the first two parts, in page order: the bar shows
// the tutorial's token over them (e2e/page-sessions.spec.ts does the same for the session's).
const stepButtons = (page: Page): Locator =>
  page
    .getByRole('region', { name: 'The tutorial', exact: true })
    .or(page.getByRole('region', { name: 'Beyond the tutorial', exact: true }))
    .getByRole('region', { name: /^\d\. / })
    .getByRole('button', { name: /^(Send|Log in)/ })
    .filter({ visible: true });

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('shows the title, what this is and the login form on the first screen', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeInViewport({ ratio: 1 });
      await expect(page.getByText('The Flask JWT tutorial in your browser')).toBeInViewport({ ratio: 1 });
      const form = step(page, STEPS.login);
      for (const field of [form.getByLabel('Username'), form.getByLabel('Password'), form.getByRole('button', { name: 'Log in' })]) {
        await expect(field).toBeInViewport({ ratio: 1 });
      }
    });

    test('loads without moving anything, with or without a token kept from before', async ({ page }) => {
      const shiftWhileLoading = () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              let shift = 0;
              new PerformanceObserver((list) => {
                for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
                  if (!entry.hadRecentInput) shift += entry.value;
                }
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve(shift), 1000);
            }),
        );
      await page.goto('/');
      expect(await shiftWhileLoading()).toBe(0);
      await logIn(page);
      await expect(tokenBar(page).getByRole('timer')).toBeVisible();
      await page.reload();
      await expect(tokenBar(page).getByRole('timer')).toBeVisible();
      expect(await shiftWhileLoading()).toBe(0);
    });

    test('keeps the countdown and each step’s button on screen together', async ({ page }) => {
      await page.goto('/');
      await logIn(page);
      const bar = tokenBar(page);
      const timer = bar.getByRole('timer');
      const buttons = await stepButtons(page).all();
      expect(buttons.length).toBeGreaterThanOrEqual(12);
      for (const button of buttons) {
        await button.scrollIntoViewIfNeeded();
        await expect(timer).toBeInViewport({ ratio: 1 });
        // Whole, below the bar and above the bottom of the screen (to the half pixel a scroll may leave).
        const [barBox, buttonBox] = [(await bar.boundingBox())!, (await button.boundingBox())!];
        expect(buttonBox.y, 'the bar covers the button').toBeGreaterThanOrEqual(barBox.y + barBox.height - 0.5);
        expect(buttonBox.y + buttonBox.height, 'the button is below the screen').toBeLessThanOrEqual(viewport.height + 0.5);
      }
    });

    test('leaves no card with more than 100 px of blank space after every call', async ({ page }) => {
      await page.goto('/');
      await logIn(page);
      const inspector = step(page, STEPS.inspect);
      await inspector.getByLabel('Secret').fill('thisisthesecretkey');
      await inspector.getByRole('button', { name: 'Check signature' }).click();
      // The session part's buttons wait for a session; its cards are measured as they stand before one.
      for (const button of await page.getByRole('region', { name: /^\d\. / }).getByRole('button', { name: /^Send/, disabled: false }).all()) {
        await button.click();
      }
      await expect(page.getByText('Sending…')).toHaveCount(0);
      await expect(answer(page, STEPS.algNone)).toContainText('401');

      // The tallest stretch of each card, and of each answer, with no text or control in it.
      const blanks = await page.evaluate(() => {
        const contentRects = (element: Element): DOMRect[] => {
          const rects: DOMRect[] = [];
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node instanceof Text && node.data.trim() !== '') {
              const range = document.createRange();
              range.selectNodeContents(node);
              rects.push(...range.getClientRects());
            } else if (node instanceof HTMLElement && ['INPUT', 'BUTTON', 'PROGRESS'].includes(node.tagName)) {
              rects.push(node.getBoundingClientRect());
            }
          }
          return rects.filter((rect) => rect.height > 0);
        };
        // A step's section, named by its heading; an answer's box, its status line then its detail;
        // and the box that holds an answer's place before the first (its lines hidden, a sentence).
        const cards = 'section[aria-labelledby$="-heading"], div:has(> [role="status"] + details), div:has(> [aria-hidden="true"] + p)';
        return [...document.querySelectorAll(cards)].map((card) => {
          const box = card.getBoundingClientRect();
          const style = getComputedStyle(card);
          let reached = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
          let largest = 0;
          for (const rect of contentRects(card).sort((a, b) => a.top - b.top)) {
            largest = Math.max(largest, rect.top - reached);
            reached = Math.max(reached, rect.bottom);
          }
          const bottom = box.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom);
          largest = Math.max(largest, bottom - reached);
          const name = card.closest('section')?.querySelector('h3')?.textContent ?? '';
          return { card: `${card.className} in ${name}`, blank: Math.round(largest) };
        });
      });
      expect(blanks.length).toBeGreaterThan(20);
      expect(blanks.filter(({ blank }) => blank > 100)).toEqual([]);
    });

    test('moves nothing when a slow answer arrives', async ({ page }) => {
      // Later than the half second after a click in which the browser forgives layout shifts.
      await page.route(
        (url) => url.pathname === '/protected',
        async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await route.continue();
        },
      );
      await page.goto('/');
      await page.evaluate(() => {
        (window as unknown as { shift: number }).shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
          }
        }).observe({ type: 'layout-shift' });
      });

      await send(page, STEPS.invalid);
      await expect(answer(page, STEPS.invalid)).toHaveText('Sending…');
      await expect(answer(page, STEPS.invalid)).toContainText('401 Unauthorized');
      await page.waitForTimeout(200); // let the observer report the frame after the answer
      expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    });

    test('checks the token’s signature in the browser, never sending or keeping the secret', async ({ page }) => {
      await page.goto('/');
      await logIn(page);
      const inspector = step(page, STEPS.inspect);
      await expect(inspector.getByText('a real client never holds the secret').filter({ visible: true })).toBeVisible();
      const sent: string[] = [];
      page.on('request', (request) => sent.push(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ''}`));

      await inspector.getByLabel('Secret').fill('thisisthesecretkey');
      await inspector.getByRole('button', { name: 'Check signature' }).click();
      await expect(inspector.getByRole('status').filter({ hasText: 'Signature' })).toHaveText(/Signature does not match/);
      await inspector.getByLabel('Secret').fill(TEST_JWT_SECRET);
      await inspector.getByRole('button', { name: 'Check signature' }).click();
      await expect(inspector.getByRole('status').filter({ hasText: 'Signature' })).toHaveText(/Signature matches/);

      expect(sent.filter((request) => request.includes(TEST_JWT_SECRET))).toEqual([]);
      const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }) + document.cookie);
      expect(kept).not.toContain(TEST_JWT_SECRET);
    });
  });
}

test('with JavaScript on, says nothing of JavaScript being off', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Send GET \/unprotected/ }).first()).toBeVisible();
  await expect(page.getByText('its buttons need JavaScript')).toBeHidden();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('says that the walkthrough needs JavaScript, and that the account page does not', async ({ page }) => {
    await page.goto('/');
    const note = page.getByText('its buttons need JavaScript');
    await expect(note).toBeVisible();
    await note.getByRole('link', { name: 'your account page' }).click();
    // Signed out, /account sends the browser to its sign-in form, served without a script.
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });
});
