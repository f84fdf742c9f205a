import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './openapi';
import { BASE_URL } from './server';
import { basicHeader } from '@/test/hostile-cases';

// Security headers on every kind of answer, and the page's Content-Security-Policy checked in
// a real browser: the statically prerendered page must hydrate with no violation reported.

async function token(request: APIRequestContext) {
  const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
  return ((await login.json()) as { token: string }).token;
}

function directives(policy: string | undefined): Map<string, string> {
  return new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

test.describe('response headers', () => {
  const answers: [string, (request: APIRequestContext) => Promise<{ path: string; headers?: Record<string, string> }>][] = [
    ['the page', async () => ({ path: '/' })],
    ['/unprotected', async () => ({ path: '/unprotected' })],
    ['a token from /login', async () => ({ path: '/login', headers: { Authorization: basicHeader('alice:password') } })],
    ['a refused login', async () => ({ path: '/login' })],
    ['/protected with a valid token', async (request) => ({ path: `/protected?token=${await token(request)}` })],
    ['/protected refused by middleware', async () => ({ path: '/protected?token=not.a.token' })],
    ['a 400 from /protected', async (request) => ({ path: `/protected?token=${await token(request)}&token=x` })],
    ['a 404', async () => ({ path: '/no-such-page' })],
  ];

  for (const [what, build] of answers) {
    test(`${what} carries nosniff, no-referrer and the CSP, and no X-Powered-By`, async ({ request }) => {
      const { path, headers } = await build(request);
      const response = await request.get(path, { headers });
      const got = response.headers();
      expect(got['x-content-type-options']).toBe('nosniff');
      expect(got['referrer-policy']).toBe('no-referrer');
      expect(got['x-frame-options']).toBe('DENY');
      expect(directives(got['content-security-policy']).get('frame-ancestors')).toBe("'none'");
      expect(got['x-powered-by']).toBeUndefined();
      if (path.startsWith('/login') || path.startsWith('/protected')) expect(got['cache-control']).toBe('no-store');
    });
  }

  test('the CSP allows nothing from other origins, no eval, no plugins and no <base>', async ({ request }) => {
    const csp = directives((await request.get('/')).headers()['content-security-policy']);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect([...csp.values()].join(' ')).not.toContain('unsafe-eval');
  });
});

test.describe('the Content-Security-Policy in Chromium', () => {
  test('the page hydrates with no CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy: ${event.violatedDirective} blocked ${event.blockedURI}`));
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The App Router adds its route announcer only once React has hydrated the page.
    await expect(page.locator('next-route-announcer')).toBeAttached();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('the policy blocks eval, even from a script that got into the page', async ({ page }) => {
    await page.goto('/');
    // Inserted as an inline script and run from a timer, so the page's own policy governs it
    // rather than the test driver's.
    // The outcome goes into a global, not the page, where hydration could overwrite it.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'setTimeout(() => { try { eval("1"); window.evalOutcome = "eval ran" } catch (e) { window.evalOutcome = e.name } })';
      document.head.append(script);
    });
    await expect.poll(() => page.evaluate(() => (window as { evalOutcome?: string }).evalOutcome)).toBe('EvalError');
  });

  test('the policy blocks scripts from other origins', async ({ page }) => {
    await page.goto('/');
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective));
          const script = document.createElement('script');
          script.src = 'http://127.0.0.2:9/evil.js';
          document.head.append(script);
        }),
    );
    expect(blocked).toBe('script-src-elem');
  });

  test('another site cannot frame the page', async ({ page }) => {
    await page.goto('about:blank');
    await page.setContent(`<iframe src="${BASE_URL}/" title="framed"></iframe>`);
    // Chromium replaces a frame refused by frame-ancestors with its error page.
    await expect.poll(() => page.frames()[1]?.url()).toBe('chrome-error://chromewebdata/');
  });
});
