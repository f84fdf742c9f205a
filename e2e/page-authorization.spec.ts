import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Route } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { allUsers, logIn as apiLogIn } from './api-client';
import { startThrottledServer, type ProductionServer } from './production-server';

// The page's third part, "Who may do what", against the production server on Redis. Real time
// where it matters: the throttle's lock is waited out on a server of its own, with the default
// limits and a 3-second LOGIN_LOCK_SECONDS.

const STEPS = {
  users: '1. Log in as bob and as alice',
  forbidden: '2. GET /api/users: 403, 200 and 401',
  todos: '3. Bob’s to-dos, and alice’s',
  sessions: '4. Your sessions',
  role: '5. A role taken away',
  throttle: '6. Guessing passwords',
  account: '7. The same, as a Next.js page',
} as const;
const ALL = Object.values(STEPS);

const part = (page: Page) => page.getByRole('region', { name: 'Who may do what', exact: true });
const step = (page: Page, name: string) => part(page).getByRole('region', { name, exact: true });
const tokenBar = (page: Page) => page.getByRole('region', { name: 'Your token', exact: true });
/** The answer a Send button got: the status region in the same action. */
const answerTo = (page: Page, name: string, title: string) =>
  step(page, name).locator('div', { has: page.getByRole('button', { name: `Send ${title}`, exact: true }) }).last().getByRole('status');

async function send(page: Page, name: string, title: string) {
  await step(page, name).getByRole('button', { name: `Send ${title}`, exact: true }).click();
}

async function expectAnswer(page: Page, name: string, title: string, text: string | RegExp) {
  await expect(answerTo(page, name, title)).toContainText(text);
  await expect(answerTo(page, name, title)).toContainText('✓ As expected');
}

/** Sends, and waits for the answer the button expects, holding `text`. */
async function sendAndExpect(page: Page, name: string, title: string, text: string | RegExp) {
  await send(page, name, title);
  await expectAnswer(page, name, title, text);
}

/** A command line as a reader pastes it into a shell; curl's progress meter (stderr) left out. */
const runAsShown = (line: string) => execFileSync('sh', ['-c', line], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

async function logInBoth(page: Page) {
  const users = step(page, STEPS.users);
  for (const name of ['bob', 'alice']) {
    await users.getByLabel(`Password for ${name}`).fill('password');
    await users.getByRole('button', { name: `Log in as ${name}`, exact: true }).click();
  }
  await expect(tokenBar(page)).toContainText('bob');
  await expect(tokenBar(page)).toContainText('alice');
}

/** Which of part three's steps are ticked. */
async function doneSteps(page: Page): Promise<string[]> {
  const done: string[] = [];
  // The tick beside the step's heading (the code view below may hold the word too).
  for (const name of ALL) if ((await step(page, name).getByRole('heading').locator('..').getByText('Done', { exact: true }).count()) > 0) done.push(name);
  return done;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await part(page).scrollIntoViewIfNeeded();
});

test('logs in bob and alice side by side: each payload says who (sub), what (roles), by and for whom (iss, aud)', async ({ page }) => {
  await expect(tokenBar(page)).toContainText('No users yet.');
  await logInBoth(page);
  const bob = step(page, STEPS.users).getByLabel('bob’s token’s payload');
  const alice = step(page, STEPS.users).getByLabel('alice’s token’s payload');
  await expect(bob).toContainText(/"sub": "[0-9a-f-]{36}"/);
  await expect(bob).toContainText(/"roles": \[\s*"user"\s*\]/);
  await expect(alice).toContainText(/"roles": \[\s*"admin"\s*\]/);
  await expect(alice).toContainText('"iss": "nextjs-jwt-auth"');
  await expect(alice).toContainText('"aud": "nextjs-jwt-auth/api"');
  await expect(tokenBar(page)).toContainText('bob · alice');
  await expect(tokenBar(page)).not.toContainText('not logged in');
  await expect(tokenBar(page).getByRole('timer')).toBeVisible();
  // Whose countdown it is, beside it: bob's, the first to log in.
  await expect(tokenBar(page).getByRole('timer').locator('..')).toHaveText(/bob’s\s*\d\d:\d\d$/);
  expect(await doneSteps(page)).toEqual([STEPS.users]);
  // No cookie was kept: part two's session is not touched by part three's logins.
  expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
});

test('GET /api/users: 403 insufficient_scope for bob, 200 for alice, 401 with no token, side by side', async ({ page }) => {
  await logInBoth(page);
  await sendAndExpect(page, STEPS.forbidden, 'GET /api/users as bob', '403 Forbidden');
  await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as bob')).toContainText('it takes the admin role');
  await sendAndExpect(page, STEPS.forbidden, 'GET /api/users as alice', '200 OK');
  await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as alice')).not.toContainText('argon2');
  await sendAndExpect(page, STEPS.forbidden, 'GET /api/users with no token', '401 Unauthorized');
  // The layers: the gate verified bob's token, and the route refused him.
  await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as bob')).toContainText(/Edge middleware: verified \(session not checked\).*→ route: refused/);
  // The full exchange shows the header that says why.
  const bobs = step(page, STEPS.forbidden).locator('div', { has: page.getByRole('button', { name: 'Send GET /api/users as bob', exact: true }) }).last();
  await bobs.getByText('The full exchange, with curl').click();
  await expect(bobs).toContainText('WWW-Authenticate: Bearer realm="protected", error="insufficient_scope"');
  expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.forbidden]);
});

test('bob lists his own to-dos; alice’s, asked for by its id, is 404 to him', async ({ page }) => {
  await logInBoth(page);
  // Waiting until alice has a to-do.
  await expect(step(page, STEPS.todos).getByRole('button', { name: 'Send GET /api/todos/<alice’s to-do> as bob', exact: true })).toBeDisabled();
  await sendAndExpect(page, STEPS.todos, 'POST /api/todos as bob', '201 Created');
  await sendAndExpect(page, STEPS.todos, 'GET /api/todos as bob', 'Watch the follow-up video');
  await sendAndExpect(page, STEPS.todos, 'POST /api/todos as alice', '201 Created');
  await sendAndExpect(page, STEPS.todos, 'GET /api/todos/<alice’s to-do> as bob', '404 Not Found');
  // bob's list never held alice's.
  await send(page, STEPS.todos, 'GET /api/todos as bob');
  await expect(answerTo(page, STEPS.todos, 'GET /api/todos as bob')).not.toContainText('Alice’s own');
  expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.todos]);
});

test('ends the other device’s session: its unexpired token gets 401 revoked at once; then log out everywhere else', async ({ page }) => {
  await logInBoth(page);
  const sessions = step(page, STEPS.sessions);
  await sessions.getByLabel('Password for bob').fill('password');
  await sessions.getByRole('button', { name: 'Log in as bob on another device' }).click();
  await expect(sessions.getByRole('status').first()).toContainText('200 OK');
  await send(page, STEPS.sessions, 'GET /api/todos on the other device');
  await expect(answerTo(page, STEPS.sessions, 'GET /api/todos on the other device')).toContainText('200 OK');
  await sendAndExpect(page, STEPS.sessions, 'GET /api/sessions as bob', '"current": true');
  await sendAndExpect(page, STEPS.sessions, 'DELETE /api/sessions/<the other device’s> as bob', '204 No Content');
  await sendAndExpect(page, STEPS.sessions, 'GET /api/todos on the other device', '"reason": "revoked"');
  await sendAndExpect(page, STEPS.sessions, 'DELETE /api/sessions as bob: log out everywhere else', '"ended":');
  // This tab's session lives on.
  await sendAndExpect(page, STEPS.sessions, 'GET /api/sessions as bob', '200 OK');
  expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.sessions]);
});

test('with slow answers, a Send that depends on an earlier one waits for its answer, and says so', async ({ page }) => {
  // Answers as slow as a first compile's: the session's end and the demotion take 1.5 s each.
  const slow = async (route: Route) => {
    if (['DELETE', 'PATCH'].includes(route.request().method())) await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  };
  await page.route('**/api/sessions/*', slow);
  await page.route('**/api/users/*', slow);
  await logInBoth(page);
  const sessions = step(page, STEPS.sessions);
  await sessions.getByLabel('Password for bob').fill('password');
  await sessions.getByRole('button', { name: 'Log in as bob on another device' }).click();
  await expect(sessions.getByRole('status').first()).toContainText('200 OK');

  // Sent at once, one after the other: the second waits until the session has ended.
  await send(page, STEPS.sessions, 'DELETE /api/sessions/<the other device’s> as bob');
  await send(page, STEPS.sessions, 'GET /api/todos on the other device');
  await expect(answerTo(page, STEPS.sessions, 'GET /api/todos on the other device')).toContainText(
    'Waiting for the answer to DELETE /api/sessions/<the other device’s> as bob',
  );
  await expectAnswer(page, STEPS.sessions, 'DELETE /api/sessions/<the other device’s> as bob', '204 No Content');
  await expectAnswer(page, STEPS.sessions, 'GET /api/todos on the other device', '"reason": "revoked"');

  // The same for a role taken away: carol's next call waits for the demotion.
  await sendAndExpect(page, STEPS.role, 'POST /api/users as alice: carol, a new admin', '201 Created');
  await sendAndExpect(page, STEPS.role, 'POST /auth/login as carol', '200 OK');
  await send(page, STEPS.role, 'PATCH /api/users/<carol> as alice: role user');
  await send(page, STEPS.role, 'GET /api/users as carol, the same token');
  await expect(answerTo(page, STEPS.role, 'GET /api/users as carol, the same token')).toContainText('Waiting for the answer to PATCH /api/users/<carol> as alice');
  await expectAnswer(page, STEPS.role, 'GET /api/users as carol, the same token', '"reason": "revoked"');
  await sendAndExpect(page, STEPS.role, 'DELETE /api/users/<carol> as alice', '204 No Content');
});

test('a throwaway admin, demoted: the same unexpired token is refused at once, and the user is removed after', async ({ page, request }) => {
  await logInBoth(page);
  await sendAndExpect(page, STEPS.role, 'POST /api/users as alice: carol, a new admin', '201 Created');
  await sendAndExpect(page, STEPS.role, 'POST /auth/login as carol', '200 OK');
  await sendAndExpect(page, STEPS.role, 'GET /api/users as carol', '200 OK');
  await sendAndExpect(page, STEPS.role, 'PATCH /api/users/<carol> as alice: role user', '"role": "user"');
  await sendAndExpect(page, STEPS.role, 'GET /api/users as carol, the same token', '"reason": "revoked"');
  await sendAndExpect(page, STEPS.role, 'DELETE /api/users/<carol> as alice', '204 No Content');
  expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.role]);

  // The directory holds no carol: the step cleaned up after itself.
  const admin = await apiLogIn(request, 'alice');
  expect((await allUsers(request, admin)).filter((user) => user.name.startsWith('carol-'))).toEqual([]);
});

test('runs each step’s curl line as written, and gets the answer the page got', async ({ page, baseURL }) => {
  await logInBoth(page);
  await send(page, STEPS.forbidden, 'GET /api/users as bob');
  await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as bob')).toContainText('403');
  const action = step(page, STEPS.forbidden).locator('div', { has: page.getByRole('button', { name: 'Send GET /api/users as bob', exact: true }) }).last();
  await action.getByText('The full exchange, with curl').click();
  const curl = await action.locator('pre').last().innerText();
  expect(curl).toMatch(new RegExp(`^curl -i -H 'Authorization: Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+' '${baseURL}/api/users'$`));
  // sh runs it as a reader would paste it.
  expect(runAsShown(curl)).toMatch(/^HTTP\/1\.1 403 Forbidden/);

  await send(page, STEPS.todos, 'POST /api/todos as bob');
  const post = step(page, STEPS.todos).locator('div', { has: page.getByRole('button', { name: 'Send POST /api/todos as bob', exact: true }) }).last();
  await expect(post.getByRole('status')).toContainText('201');
  await post.getByText('The full exchange, with curl').click();
  expect(runAsShown(await post.locator('pre').last().innerText())).toMatch(/^HTTP\/1\.1 201 Created[\s\S]*"text":"Watch the follow-up video"/);
});

test('ticks only the step whose own answer came back, whatever the order', async ({ page }) => {
  await logInBoth(page);
  // Step 3's 404 first, then step 2's 200 for alice (not the 403 that step 2 is there to show).
  await sendAndExpect(page, STEPS.todos, 'POST /api/todos as alice', '201');
  await sendAndExpect(page, STEPS.todos, 'GET /api/todos/<alice’s to-do> as bob', '404');
  await sendAndExpect(page, STEPS.forbidden, 'GET /api/users as alice', '200');
  expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.todos]);
  await expect(part(page).getByText(/of 7 done/)).toHaveText('2 of 7 done');

  // Step 7 by its link; the tick is kept across the visit, as every step's is.
  await step(page, STEPS.account).getByRole('link', { name: 'Open your account page' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goBack();
  await expect(part(page).getByText(/of 7 done/)).toHaveText('3 of 7 done');
});

test('shows the code that handles each step: the /api routes, apiRoute, the throttle, and the account page’s DAL', async ({ page }) => {
  const files = async (name: string) => (await step(page, name).locator('summary', { hasText: 'The code that handles it' }).innerText());
  expect(await files(STEPS.forbidden)).toContain('lib/api-route.ts');
  expect(await files(STEPS.todos)).toContain('lib/todos/todos.ts');
  expect(await files(STEPS.throttle)).toContain('lib/users/throttle.ts');
  const account = step(page, STEPS.account);
  await account.getByText('The code that handles it').click();
  await expect(account).toContainText('export default async function Account({ searchParams }');
  await expect(account).toContainText('export async function addTodoAction(');
  await expect(account).toContainText('export const getCurrentUser = cache(');
});

test.describe('the throttle, on a server with a 3-second lock', () => {
  const LOCK_SECONDS = 3;
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startThrottledServer(LOCK_SECONDS);
  });
  test.afterAll(() => server.stop());

  test('wrong passwords until 429 with Retry-After, the right one refused in the lock, and let in once it is over', async ({ page }) => {
    await page.goto(server.url);
    await part(page).scrollIntoViewIfNeeded();
    await logInBoth(page);
    await sendAndExpect(page, STEPS.throttle, 'POST /api/users as alice: dave, a new user', '201 Created');
    await sendAndExpect(page, STEPS.throttle, 'POST /auth/login as dave, wrong passwords until 429', '429 Too Many Requests');
    await expect(step(page, STEPS.throttle)).toContainText('5 wrong passwords, then 429.');
    await expect(step(page, STEPS.throttle).getByRole('timer')).toHaveText(/Locked: 00:0[1-3] left\./);

    // The right password, during the lock: refused as a wrong one would be.
    await sendAndExpect(page, STEPS.throttle, 'POST /auth/login as dave, the right password', '429 Too Many Requests');
    expect(await doneSteps(page)).toEqual([STEPS.users]);

    // In real time: the countdown runs out, and the right password is let in.
    await expect(step(page, STEPS.throttle).getByRole('timer')).toHaveText('The lock is over: send the right password.', { timeout: (LOCK_SECONDS + 2) * 1000 });
    await sendAndExpect(page, STEPS.throttle, 'POST /auth/login as dave, the right password', '200 OK');
    await sendAndExpect(page, STEPS.throttle, 'DELETE /api/users/<dave> as alice', '204 No Content');
    expect(await doneSteps(page)).toEqual([STEPS.users, STEPS.throttle]);
  });
});

test('moves nothing while answers arrive: layout shift 0 through the part', async ({ page }) => {
  // Every answer arrives 700 ms after its click, past the 500 ms in which a shift counts as the
  // click's own doing.
  for (const pattern of ['**/api/**', '**/auth/login']) {
    await page.route(pattern, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
  }
  await page.evaluate(() => {
    const w = window as unknown as { shifts: string[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node }[] }[]) {
        if (!entry.hadRecentInput) w.shifts.push(`${entry.value}: ${entry.sources.map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 80)).join(' | ')}`);
      }
    }).observe({ type: 'layout-shift' });
  });
  await logInBoth(page);
  await send(page, STEPS.forbidden, 'GET /api/users as alice');
  await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as alice')).toContainText('200');
  await send(page, STEPS.todos, 'POST /api/todos as alice');
  await expect(answerTo(page, STEPS.todos, 'POST /api/todos as alice')).toContainText('201');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`has no serious accessibility violations, ${colorScheme}, ${width} px wide, answers shown`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await logInBoth(page);
      await send(page, STEPS.forbidden, 'GET /api/users as bob');
      await expect(answerTo(page, STEPS.forbidden, 'GET /api/users as bob')).toContainText('403');
      const { violations } = await new AxeBuilder({ page }).include('#authorization').analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}
