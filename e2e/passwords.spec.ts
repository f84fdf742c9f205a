import type { Page } from '@playwright/test';
import { MESSAGES } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { logIn, newUser } from './api-client';
import { expect, test } from './openapi';
import { sameSitePost } from './session-client';

// Passwords that can be retired: the blocklist for every new one, a change of one's own, from the
// API and from /account, and an admin's one-time reset link, which the main server keeps in its
// PostgreSQL with the users.

const loginStatus = async (request: Parameters<typeof logIn>[0], name: string, password: string, base = '') =>
  (await request.post(`${base}/auth/login`, { headers: { Authorization: basicHeader(`${name}:${password}`) } })).status();

test('POST /api/users refuses a password on the blocklist, saying why without echoing it', async ({ request }) => {
  const alice = await logIn(request, 'alice');
  for (const password of ['passwordpassword', 'nextjs-jwt-auth', 'Maximilian.Bauer', '1qaz2wsx3edc4rfv']) {
    const response = await request.post('/api/users', { headers: alice.auth, data: { name: 'maximilian.bauer', password } });
    expect(response.status()).toBe(422);
    expect(await response.json()).toEqual({ message: MESSAGES.passwordBlocked, field: 'password' });
  }
  expect(await loginStatus(request, 'maximilian.bauer', 'passwordpassword')).toBe(401);
});

test.describe('PUT /api/me/password', () => {
  test('changes the password, ends every other session and keeps this one, its refresh too', async ({ request, baseURL }) => {
    const me = await newUser(request, await logIn(request, 'alice'));
    const [here, elsewhere] = [await logIn(request, me.name, me.password), await logIn(request, me.name, me.password)];
    const next = `a new password for ${me.name}`;
    const changed = await request.put('/api/me/password', { headers: here.auth, data: { current_password: me.password, new_password: next } });
    expect(changed.status()).toBe(204);

    expect((await request.get('/api/todos', { headers: here.auth })).status()).toBe(200);
    expect((await request.get('/api/todos', { headers: elsewhere.auth })).status()).toBe(401);
    expect((await sameSitePost(request, baseURL!, '/auth/refresh', here.refreshToken, here.csrf)).status()).toBe(200);
    expect((await sameSitePost(request, baseURL!, '/auth/refresh', elsewhere.refreshToken, elsewhere.csrf)).status()).toBe(401);
    expect(await loginStatus(request, me.name, me.password)).toBe(401);
    expect(await loginStatus(request, me.name, next)).toBe(200);
  });

  test('refuses a wrong current password with 403 and a new one on the blocklist with 422, changing nothing', async ({ request }) => {
    const me = await newUser(request, await logIn(request, 'alice'));
    const session = await logIn(request, me.name, me.password);
    const wrong = await request.put('/api/me/password', { headers: session.auth, data: { current_password: 'not the password at all', new_password: `a new password for ${me.name}` } });
    expect(wrong.status()).toBe(403);
    expect(await wrong.json()).toEqual({ message: MESSAGES.wrongCurrentPassword });
    const blocked = await request.put('/api/me/password', { headers: session.auth, data: { current_password: me.password, new_password: me.name.repeat(3) } });
    expect(blocked.status()).toBe(422);
    expect(await blocked.json()).toEqual({ message: MESSAGES.passwordBlocked, field: 'new_password' });
    expect((await request.put('/api/me/password', { headers: session.auth, data: 'not json' })).status()).toBe(415);
    expect(await loginStatus(request, me.name, me.password)).toBe(200);
  });

  test('of twenty changes sent at once with the right current password, one wins and nineteen change nothing', async ({ request }) => {
    const me = await newUser(request, await logIn(request, 'alice'));
    const session = await logIn(request, me.name, me.password);
    const passwords = Array.from({ length: 20 }, (_, i) => `change number ${i} of ${me.name}`);
    const statuses = await Promise.all(
      passwords.map(async (new_password) => (await request.put('/api/me/password', { headers: session.auth, data: { current_password: me.password, new_password } })).status()),
    );
    // One wins. The rest change nothing: 409 for one that verified the old password before the
    // winner's hash was stored, 403 for one that came after it, when the old one is no longer right.
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409 || status === 403)).toHaveLength(19);
    const winner = passwords[statuses.indexOf(204)]!;
    expect(await loginStatus(request, me.name, winner)).toBe(200);
    for (const password of [me.password, ...passwords.filter((p) => p !== winner).slice(0, 3)]) expect(await loginStatus(request, me.name, password)).toBe(401);
    expect((await request.get('/api/todos', { headers: session.auth })).status()).toBe(200);
  });
});

async function signIn(page: Page, name: string, password: string, base = '') {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'on /account, with JavaScript' : 'on /account, with JavaScript off', () => {
    test.use({ javaScriptEnabled });

    test('changes the password in a form: the other browser is signed out, this one stays', async ({ browser, page, request }) => {
      const me = await newUser(request, await logIn(request, 'alice'));
      const other = await browser.newContext({ javaScriptEnabled });
      const otherPage = await other.newPage();
      await signIn(otherPage, me.name, me.password);
      await signIn(page, me.name, me.password);

      const form = page.getByRole('form', { name: 'Change your password' });
      await form.getByLabel('Current password').fill('not the password at all');
      await form.getByLabel('New password, 15 or more characters').fill(`a new password for ${me.name}`);
      await form.getByRole('button', { name: 'Change password' }).click();
      await expect(form.getByRole('status')).toHaveText(MESSAGES.wrongCurrentPassword);

      await form.getByLabel('Current password').fill(me.password);
      await form.getByLabel('New password, 15 or more characters').fill('passwordpassword');
      await form.getByRole('button', { name: 'Change password' }).click();
      await expect(form.getByRole('status')).toHaveText(MESSAGES.passwordBlocked);

      await form.getByLabel('Current password').fill(me.password);
      await form.getByLabel('New password, 15 or more characters').fill(`a new password for ${me.name}`);
      await form.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);
      await page.reload();
      await expect(page).toHaveURL(/\/account$/);
      await otherPage.goto('/account');
      await expect(otherPage).toHaveURL(/\/sign-in$/);
      expect(await loginStatus(request, me.name, `a new password for ${me.name}`)).toBe(200);
      await other.close();
    });
  });
}

test.describe('reset links, kept in PostgreSQL', () => {
  const base = '';

  test('POST /api/users/:id/reset makes a link, once, for admins only', async ({ request }) => {
    const alice = await logIn(request, 'alice', 'password', { base });
    const me = await newUser(request, alice, 'user', base);
    const made = await request.post(`${base}/api/users/${me.id}/reset`, { headers: alice.auth });
    expect(made.status()).toBe(201);
    const { path, expiresAt } = (await made.json()) as { path: string; expiresAt: string };
    expect(path).toMatch(/^\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect((await request.post(`${base}/api/users/${crypto.randomUUID()}/reset`, { headers: alice.auth })).status()).toBe(404);
    const bob = await logIn(request, 'bob', 'password', { base });
    expect((await request.post(`${base}/api/users/${me.id}/reset`, { headers: bob.auth })).status()).toBe(403);
  });

  test('a link never made, or malformed, is a page that says so, and has no form', async ({ page }) => {
    for (const token of ['A'.repeat(43), 'not-a-token']) {
      const response = await page.goto(`${base}/reset/${token}`);
      expect(response!.status()).toBeLessThan(500);
      await expect(page.getByText(MESSAGES.resetLinkGone)).toBeVisible();
      await expect(page.getByRole('form', { name: 'Set a new password' })).toHaveCount(0);
    }
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? 'with JavaScript' : 'with JavaScript off', () => {
      test.use({ javaScriptEnabled });

      test('an admin makes a link in the users list; it sets the password once, ends every session, and then says it is gone', async ({ browser, page, request }) => {
        const me = await newUser(request, await logIn(request, 'alice', 'password', { base }), 'user', base);
        const session = await logIn(request, me.name, me.password, { base });
        const admin = await browser.newContext({ javaScriptEnabled });
        const adminPage = await admin.newPage();
        await signIn(adminPage, 'alice', 'password', base);
        const make = adminPage.getByRole('form', { name: 'Make a reset link' });
        // The form offers the users of the list's page: "More users" until it offers the new one.
        while ((await make.getByRole('option', { name: me.name, exact: true }).count()) === 0) {
          const more = adminPage.getByRole('link', { name: 'More users' });
          const next = (await more.getAttribute('href'))!;
          await more.click();
          await expect(adminPage).toHaveURL(new URL(next, adminPage.url()).href);
        }
        await make.getByLabel('Reset link for').selectOption({ label: me.name });
        await make.getByRole('button', { name: 'Make reset link' }).click();
        const link = make.getByRole('link', { name: /^\/reset\// });
        await expect(link).toBeVisible();
        const path = (await link.getAttribute('href'))!;
        await admin.close();

        await page.goto(`${base}${path}`);
        await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
        await expect(page.getByText(me.name, { exact: true })).toBeVisible();
        const form = page.getByRole('form', { name: 'Set a new password' });
        await form.getByLabel('New password, 15 or more characters').fill(me.name.repeat(2));
        await form.getByRole('button', { name: 'Set password' }).click();
        await expect(form.getByRole('status')).toHaveText(MESSAGES.passwordBlocked);

        const next = `a password set by a link for ${me.name}`;
        await form.getByLabel('New password, 15 or more characters').fill(next);
        await form.getByRole('button', { name: 'Set password' }).click();
        await expect(page).toHaveURL(/\/reset\/done$/);
        await expect(page.getByRole('heading', { name: 'Password set' })).toBeVisible();

        expect((await request.get(`${base}/api/todos`, { headers: session.auth })).status()).toBe(401);
        expect(await loginStatus(request, me.name, me.password, base)).toBe(401);
        expect(await loginStatus(request, me.name, next, base)).toBe(200);
        await page.goto(`${base}${path}`);
        await expect(page.getByText(MESSAGES.resetLinkGone)).toBeVisible();
        await expect(page.getByRole('form', { name: 'Set a new password' })).toHaveCount(0);
      });
    });
  }
});
