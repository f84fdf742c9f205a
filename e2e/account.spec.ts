import { createServer, type Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { createClient } from 'redis';
import { MESSAGES, USERS_PAGE } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { freePort } from '@/test/redis-server';
import { allUsers, logIn as apiLogIn, newUser } from './api-client';
import { layers } from './layers';
import { startProductionServer, startThrottledServer, type ProductionServer } from './production-server';
import { REDIS_PORT, TEST_JWT_SECRET } from './server';
import { COOKIES, cookieValue, setCookies } from './session-client';

// The account page, a Next.js app's own auth: the Data Access Layer behind Server Components and
// Server Actions, against the production server on Redis. Each test signs
// in as a user of its own, made through the API, so that none changes another's.

async function freshUser(request: APIRequestContext, role: 'admin' | 'user' = 'user') {
  return newUser(request, await apiLogIn(request, 'alice'), role);
}

async function signIn(page: Page, name: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
}

const todos = (page: Page) => page.getByRole('list', { name: 'Your to-dos' });
const usersList = (page: Page) => page.getByRole('list', { name: 'Users' });

/** More users than the admin list's first page holds, so that a user made next is on a later page. */
async function moreThanAPageOfUsers(request: APIRequestContext) {
  const alice = await apiLogIn(request, 'alice');
  const missing = USERS_PAGE.default + 1 - (await allUsers(request, alice)).length;
  for (let start = 0; start < missing; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, missing - start) }, async (_, i) => {
        const name = `filler${Date.now().toString(36)}${start + i}`;
        const made = await request.post('/api/users', { headers: alice.auth, data: { name, password: `a long password for ${name}`, expiresIn: 3600 } });
        expect(made.status()).toBe(201);
      }),
    );
  }
}

/** The names on each page of the admin list, following "More users" to the last. */
async function usersPages(page: Page): Promise<string[][]> {
  const pages: string[][] = [];
  for (;;) {
    await expect(usersList(page)).toBeVisible();
    pages.push((await usersList(page).getByRole('listitem').allInnerTexts()).map((text) => text.split(' (')[0]!));
    const more = page.getByRole('link', { name: 'More users' });
    if ((await more.count()) === 0) return pages;
    const next = (await more.getAttribute('href'))!;
    await more.click();
    await expect(page).toHaveURL(new URL(next, page.url()).href);
  }
}

/** The row of `name` in the admin list, on whichever page it is: "More users" until it shows. */
async function userRow(page: Page, name: string): Promise<Locator> {
  for (;;) {
    const row = usersList(page).getByRole('listitem').filter({ hasText: name });
    const more = page.getByRole('link', { name: 'More users' });
    if ((await row.count()) > 0 || (await more.count()) === 0) return row;
    const next = (await more.getAttribute('href'))!;
    await more.click();
    await expect(page).toHaveURL(new URL(next, page.url()).href);
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'with JavaScript off', () => {
    test.use({ javaScriptEnabled });

    test('signs in, adds a to-do, and the server-rendered HTML holds it after a reload', async ({ page, request }) => {
      const me = await freshUser(request);
      await signIn(page, me.name, me.password);
      await page.getByLabel('New to-do').fill('buy oat milk');
      await page.getByRole('button', { name: 'Add' }).click();
      await expect(todos(page).getByRole('listitem')).toHaveText([/buy oat milk/]);

      // The HTML as the server sent it, before any script: the to-do is in it.
      const html = await (await page.request.get('/account')).text();
      expect(html).toContain('buy oat milk');
      await page.reload();
      await expect(todos(page).getByRole('listitem')).toHaveText([/buy oat milk/]);

      await todos(page).getByRole('button', { name: 'Done' }).click();
      await expect(todos(page).getByRole('listitem').first().locator('span').first()).toHaveCSS('text-decoration-line', 'line-through');
      await todos(page).getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByText('No to-dos yet.')).toBeVisible();
    });

    test('pages the admin list: "More users" goes on to the newest, each user once', async ({ page, request }) => {
      await moreThanAPageOfUsers(request);
      const admin = await freshUser(request, 'admin');
      await signIn(page, admin.name, admin.password);
      const pages = await usersPages(page);
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.every((names) => names.length <= USERS_PAGE.default)).toBe(true);
      const names = pages.flat();
      expect(names).toEqual((await allUsers(request, await apiLogIn(request, 'alice'))).map((u) => u.name));
      expect(names.at(-1)).toBe(admin.name);
      await page.getByRole('link', { name: 'First users' }).click();
      await expect(page).toHaveURL(/\/account#users$/);
      await expect(usersList(page).getByRole('listitem')).toHaveCount(USERS_PAGE.default);
    });

    test('shows the first users for a "More users" link that names no place in the list', async ({ page, request }) => {
      const admin = await freshUser(request, 'admin');
      await signIn(page, admin.name, admin.password);
      await page.goto("/account?users=' OR 1=1 --");
      await expect(page.getByText('That link does not name a place in the list')).toBeVisible();
      await expect(usersList(page).getByRole('listitem').first()).toContainText('alice');
    });

    test('shows the login\'s refusal in the form, as POST /auth/login would', async ({ page, request }) => {
      const me = await freshUser(request);
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill(me.name);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('status')).toHaveText('Could not verify!');
      await expect(page).toHaveURL(/\/sign-in$/);
    });
  });
}

test.describe('/sign-in against the throttle, on a server of its own (5 failures lock a name for 3 s)', () => {
  const LOCK_SECONDS = 3;
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startThrottledServer(LOCK_SECONDS);
  });
  test.afterAll(() => server.stop());

  // Types the password (the name stays from the last try) and presses Sign in; with `answered`,
  // waits until the form has taken the answer: the form is reset, the name kept.
  const attempt = async (page: Page, name: string, password: string, { answered = true } = {}) => {
    if (!(await page.getByLabel('Username').inputValue())) await page.getByLabel('Username').fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (!answered) return;
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await expect(page.getByLabel('Username')).toHaveValue(name);
  };

  test('shows 429\'s wait counting down, then lets the right password in, the button pending meanwhile', async ({ page }) => {
    await page.goto(`${server.url}/sign-in`);
    for (let i = 0; i < 5; i++) {
      await attempt(page, 'bob', `not the password ${i}`);
      await expect(page.getByRole('status')).toHaveText('Could not verify!');
    }
    // Locked: the right password is refused too, and the form says how long to wait.
    await attempt(page, 'bob', 'password');
    await expect(page.getByRole('status')).toHaveText(/^Too many failed logins\. Wait as long as Retry-After says, then try again\. Try again in [1-3] s\.$/);
    await expect(page.getByRole('status')).toContainText('Try again in 1 s.', { timeout: LOCK_SECONDS * 1000 });
    await expect(page.getByRole('status')).toContainText('You can try again now.', { timeout: 3000 });

    // While the action is on its way, the button says so and takes no second press.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/sign-in', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await attempt(page, 'bob', 'password', { answered: false });
    const button = page.getByRole('button', { name: 'Sign in' });
    await expect(button).toBeDisabled();
    await expect(button).toHaveText('Sign in…');
    release();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('bob');
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('answers the locked form with the wait, rendered on the server, the name kept', async ({ page }) => {
      await page.goto(`${server.url}/sign-in`);
      for (let i = 0; i < 5; i++) {
        await attempt(page, 'alice', `not the password ${i}`);
        await expect(page.getByRole('status')).toHaveText('Could not verify!');
      }
      await attempt(page, 'alice', 'password');
      await expect(page.getByRole('status')).toHaveText(/^Too many failed logins\. .* Try again in [1-3] s\.$/);
      await expect(page).toHaveURL(/\/sign-in$/);
    });
  });
});

test('sends someone who is not signed in to /sign-in, at the gate and at the DAL', async ({ page, context, request }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in$/);
  // A cookie whose signature the gate accepts, of a session that has ended: the DAL refuses it.
  const me = await freshUser(request);
  await signIn(page, me.name, me.password);
  const cookie = (await context.cookies()).find((c) => c.name === COOKIES.page)!;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.addCookies([cookie]);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a sign-in over a signed-in session ends that session: the browser keeps one', async ({ page, context, request }) => {
  const me = await freshUser(request);
  // A second tab on /sign-in, opened before the first signs in (a signed-in visit is sent to /account).
  const other = await context.newPage();
  await other.goto('/sign-in');
  await signIn(page, me.name, me.password);
  const first = (await context.cookies()).find((c) => c.name === COOKIES.page)!;
  await other.getByLabel('Username').fill(me.name);
  await other.getByLabel('Password').fill(me.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(/\/account$/);
  await expect(other.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);
  // The replaced cookie, put back, names a session that has ended.
  await context.clearCookies();
  await context.addCookies([first]);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('signing out of a session ended elsewhere still clears its cookies', async ({ browser, request }) => {
  const me = await freshUser(request);
  const [one, two] = [await browser.newContext(), await browser.newContext()];
  const [a, b] = [await one.newPage(), await two.newPage()];
  await signIn(a, me.name, me.password);
  await signIn(b, me.name, me.password);
  await a.reload();
  await a.getByRole('button', { name: 'Log out everywhere else' }).click();
  await expect(a.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);
  await b.getByRole('button', { name: 'Sign out' }).click();
  await expect(b).toHaveURL(/\/sign-in$/);
  expect((await two.cookies()).map((c) => c.name)).not.toContain(COOKIES.page);
  await Promise.all([one.close(), two.close()]);
});

test.describe('a page session on a server of its own whose idle timeout is 3 s', () => {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory', PAGE_IDLE_TIMEOUT_SECONDS: '3' });
  });
  test.afterAll(() => server.stop());

  test('stays signed in while in use, past the timeout, and is signed out once idle that long', async ({ page }) => {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill('password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    // In use: a page view every second, for twice the timeout.
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('bob');
    }
    await page.waitForTimeout(3500);
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test('refuses the pages\' cookie sent twice, whichever of the two is valid', async ({ request }) => {
  // Two users' own cookies, as a login sets them: one of them could be planted by a sibling subdomain.
  const pageCookie = async () => {
    const me = await freshUser(request);
    const login = await request.post('/auth/login', { headers: { Authorization: basicHeader(`${me.name}:${me.password}`) } });
    return { name: me.name, value: cookieValue(setCookies(login), COOKIES.page)! };
  };
  const [first, second] = await Promise.all([pageCookie(), pageCookie()]);
  const account = (cookie: string) => request.get('/account', { headers: { Cookie: cookie }, maxRedirects: 0 });

  const one = await account(`${COOKIES.page}=${second.value}`);
  expect(one.status()).toBe(200);
  expect(await one.text()).toContain(second.name);
  for (const cookie of [`${COOKIES.page}=${first.value}; ${COOKIES.page}=${second.value}`, `${COOKIES.page}=${second.value}; ${COOKIES.page}=${first.value}`]) {
    const twice = await account(cookie);
    expect(twice.status()).toBe(307);
    expect(new URL(twice.headers().location!, 'http://x').pathname).toBe('/sign-in');
  }
});

test('refuses a Server Action posted from another site, or from an opaque origin, at the gate with 403', async ({ request, baseURL }) => {
  const action = { 'Next-Action': '0123456789abcdef0123456789abcdef01234567', 'Content-Type': 'text/plain;charset=UTF-8' };
  for (const path of ['/sign-in', '/account']) {
    const froms: Record<string, string>[] = [{ Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }];
    for (const from of froms) {
      const response = await request.post(path, { headers: { ...action, ...from }, data: '[]', maxRedirects: 0 });
      expect(response.status(), `${path} from ${JSON.stringify(from)}`).toBe(403);
      expect(await response.json()).toEqual({ message: MESSAGES.crossSitePost });
      expect(layers(response.headers())).toEqual(['gate refused']);
    }
  }
  // From this site a POST goes on to Next, whose answer is not the gate's (without an action id,
  // for Next logs an error for an id it does not know).
  const own = await request.post('/sign-in', { headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: baseURL!, 'Sec-Fetch-Site': 'same-origin' }, data: '', maxRedirects: 0 });
  expect(own.status()).not.toBe(403);
  expect(layers(own.headers())).toEqual([]);
});

test('"log out everywhere else" in one browser sends the other to /sign-in at its next step', async ({ browser, request }) => {
  const me = await freshUser(request);
  const [one, two] = [await browser.newContext(), await browser.newContext()];
  const [a, b] = [await one.newPage(), await two.newPage()];
  await signIn(a, me.name, me.password);
  await signIn(b, me.name, me.password);
  await a.reload();
  await expect(a.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(2);
  await a.getByRole('button', { name: 'Log out everywhere else' }).click();
  await expect(a.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);

  // The other browser's next action is refused by the DAL, and its next page view goes to /sign-in.
  await b.getByLabel('New to-do').fill('from the ended session');
  await b.getByRole('button', { name: 'Add' }).click();
  await expect(b).toHaveURL(/\/sign-in$/);
  await b.goto('/account');
  await expect(b).toHaveURL(/\/sign-in$/);
  expect(await (await a.request.get('/account')).text()).not.toContain('from the ended session');
  await Promise.all([one.close(), two.close()]);
});

test('shows a user "not allowed" on the admin part, and an admin the users', async ({ page, request }) => {
  await moreThanAPageOfUsers(request);
  const user = await freshUser(request);
  await signIn(page, user.name, user.password);
  await expect(page.getByRole('region', { name: 'Users' })).toContainText('Not allowed');
  await expect(page.getByRole('button', { name: /Promote|Demote/ })).toHaveCount(0);

  const admin = await freshUser(request, 'admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, admin.name, admin.password);
  await expect(await userRow(page, user.name)).toContainText('(user)');
  await page.getByLabel('Name').fill(`${user.name}x`);
  await page.getByLabel('Password (15 or more characters)').fill('another long password');
  await page.getByRole('button', { name: 'Create user' }).click();
  // The change shown from the list's first page again, the new user at its end.
  await expect(page).toHaveURL(/\/account$/);
  await expect(await userRow(page, `${user.name}x`)).toBeVisible();

  // A refused form keeps what was typed, to be corrected, but for the password.
  const create = page.getByRole('form', { name: 'Create a user' });
  await create.getByLabel('Name').fill(`${user.name}x`);
  await create.getByLabel('Password (15 or more characters)').fill('another long password');
  await create.getByLabel('Role').selectOption('admin');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toHaveText('That name is taken.');
  await expect(create.getByLabel('Name')).toHaveValue(`${user.name}x`);
  await expect(create.getByLabel('Role')).toHaveValue('admin');
  await expect(create.getByLabel('Password (15 or more characters)')).toHaveValue('');
});

test('asks the store once per render whether the session lives, though the page and its admin part both ask the DAL', async ({ page, request }) => {
  const admin = await freshUser(request, 'admin');
  await signIn(page, admin.name, admin.password);
  const { sid } = decodeJwt((await page.context().cookies()).find((c) => c.name === COOKIES.page)!.value);
  const monitor = createClient({ url: `redis://127.0.0.1:${REDIS_PORT}` });
  await monitor.connect();
  const checks: string[] = [];
  // The check is one script, which also records the session's use; MONITOR shows the commands a
  // script runs, and its first reads the session's time of last use.
  await monitor.monitor((line) => {
    if (line.toLowerCase().includes(`"hmget" "session:${sid}" "seenat"`)) checks.push(line);
  });
  try {
    const html = await (await page.request.get('/account')).text();
    // The admin part rendered, so both components asked.
    expect(html).toContain('Create user');
    await expect.poll(() => checks.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(checks).toHaveLength(1);
  } finally {
    await monitor.destroy();
  }
});

test('refuses a demoted admin at once: their next render is no longer an admin\'s', async ({ browser, request }) => {
  const alice = await apiLogIn(request, 'alice');
  const dana = await newUser(request, alice, 'admin');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, dana.name, dana.password);
  await expect(page.getByRole('button', { name: 'Create user' })).toBeVisible();
  expect((await request.patch(`/api/users/${dana.id}`, { headers: alice.auth, data: { role: 'user' } })).status()).toBe(200);
  // The change of role ended the session: the next render is refused.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, dana.name, dana.password);
  await expect(page.getByRole('region', { name: 'Users' })).toContainText('Not allowed');
  await context.close();
});

test.describe('the rows of /account, on a server of its own where alice is the only admin', () => {
  let server: ProductionServer;
  test.beforeAll(async () => {
    server = await startProductionServer({ JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory' });
  });
  test.afterAll(() => server.stop());

  for (const width of [1280, 390]) {
    test(`keeps each row's buttons on its first line, a refusal under them, ${width} px wide`, async ({ page, request }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      // Another session of alice's, from a client whose name is as long as a session line keeps.
      await apiLogIn(request, 'alice', 'password', { base: server.url, userAgent: 'A-very-long-client-name/1.0 (made up for a long session line)' });
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Username').fill('alice');
      await page.getByLabel('Password').fill('password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/account$/);

      const alice = page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: 'alice' });
      await alice.getByRole('button', { name: 'Demote' }).click();
      const refusal = alice.getByRole('status').filter({ hasText: /last admin/ });
      await expect(refusal).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: testInfo.outputPath(`account-${width}-${scheme}.png`), fullPage: true });
      }

      const box = async (locator: Locator) => (await locator.boundingBox())!;
      const demote = await box(alice.getByRole('button', { name: 'Demote' }));
      const remove = await box(alice.getByRole('button', { name: 'Delete' }));
      expect(Math.abs(demote.y - remove.y)).toBeLessThan(2);
      expect((await box(refusal)).y).toBeGreaterThanOrEqual(Math.max(demote.y + demote.height, remove.y + remove.height) - 1);

      const session = page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem').filter({ hasText: 'A-very-long-client-name' }).first();
      const line = await box(session.locator('span').first());
      const end = await box(session.getByRole('button', { name: 'End' }));
      // End stays to the right of its line, not under it.
      expect(end.x).toBeGreaterThanOrEqual(line.x + line.width - 1);
      expect(end.y).toBeLessThan(line.y + line.height);
    });
  }
});

test.describe('a form posted from another site', () => {
  let evil: Server;
  let evilOrigin: string;
  test.beforeAll(async () => {
    // Another origin: the same host on another port, which the browser treats as the same site,
    // so that the cookies go with the post and only the Origin check can stop it.
    const port = await freePort();
    evilOrigin = `http://127.0.0.1:${port}`;
    evil = createServer((_req, res) => res.end()).listen(port, '127.0.0.1');
  });
  test.afterAll(() => evil.close());

  async function forgedPost(browser: Browser, request: APIRequestContext) {
    const me = await freshUser(request);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, me.name, me.password);
    // The add form's fields as the account page renders them, its action id included.
    const fields = await page.locator('form[aria-label="Add a to-do"] input').evaluateAll((inputs) =>
      (inputs as HTMLInputElement[]).map((input) => [input.name, input.value]),
    );
    return { context, page, fields };
  }

  test('is refused at the gate with 403, and adds nothing', async ({ browser, request, baseURL }) => {
    const { context, page, fields } = await forgedPost(browser, request);
    const target = new URL('/account', baseURL).toString();
    const attacker = await context.newPage();
    await attacker.goto(evilOrigin);
    await attacker.setContent(
      `<form method="post" enctype="multipart/form-data" action="${target}">${fields
        .map(([name, value]) => `<input name="${name}" value="${name === 'text' ? 'planted by another site' : value}">`)
        .join('')}<button>go</button></form>`,
    );
    const answer = attacker.waitForResponse((r) => r.request().method() === 'POST');
    await attacker.getByRole('button', { name: 'go' }).click();
    const refused = await answer;
    expect(refused.status()).toBe(403);
    expect(layers(await refused.allHeaders())).toEqual(['gate refused']);
    expect(await (await page.request.get(target)).text()).not.toContain('planted by another site');
    await context.close();
  });
});

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`has no serious accessibility violations, ${scheme}, ${width} px wide`, async ({ page, request }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/sign-in');
      const check = async () => {
        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      };
      await check();
      const me = await freshUser(request, 'admin');
      await signIn(page, me.name, me.password);
      await check();
    });
  }
}

test('ships less JavaScript than the walkthrough, counting what its links prefetch', async ({ browser, page, context, request, baseURL }) => {
  const me = await freshUser(request);
  await signIn(page, me.name, me.password);
  const session = (await context.cookies()).find((c) => c.name === COOKIES.page)!;
  // Every script a fresh browser fetches for `path` until the network is idle, in compressed bytes.
  const scriptBytes = async (path: string) => {
    const fresh = await browser.newContext({ baseURL });
    await fresh.addCookies([session]);
    const sizes: Promise<number>[] = [];
    const tab = await fresh.newPage();
    tab.on('requestfinished', (r) => {
      if (r.resourceType() === 'script') sizes.push(r.sizes().then((s) => s.responseBodySize));
    });
    await tab.goto(path, { waitUntil: 'networkidle' });
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await fresh.close();
    return total;
  };
  const [account, walkthrough] = [await scriptBytes('/account'), await scriptBytes('/')];
  expect(account).toBeGreaterThan(0);
  expect(account).toBeLessThan(walkthrough);
});
