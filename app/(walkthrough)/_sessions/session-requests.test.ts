import { describe, expect, it } from 'vitest';
import { curlCommand, displayRequest } from '../_shared/route-requests';
import { cookieValue, logoutRequest, refreshDelaySeconds, refreshRequest, replayRequest, sessionLoginRequest } from './session-requests';

describe('the session requests', () => {
  it('posts to the session routes with the browser’s cookies, which the routes need and set', () => {
    for (const request of [sessionLoginRequest('alice', 'password'), refreshRequest('c'), logoutRequest('c'), replayRequest('c')]) {
      expect(request).toMatchObject({ method: 'POST', withCookies: true });
    }
    expect(sessionLoginRequest('alice', 'password', 15).url).toBe('/auth/login?ttl=15');
    expect(sessionLoginRequest('alice', 'password').url).toBe('/auth/login');
  });

  it('sends the CSRF token as X-CSRF-Token, and none at all when asked to refresh without it', () => {
    expect(refreshRequest('csrf-value').headers).toEqual({ 'X-CSRF-Token': 'csrf-value' });
    expect(refreshRequest(null).headers).toEqual({});
  });

  it('shows that the browser adds the refresh cookie, which the page cannot read', () => {
    expect(displayRequest(refreshRequest('c'))).toEqual({
      method: 'POST',
      url: '/auth/refresh',
      headers: [
        ['X-CSRF-Token', 'c'],
        ['Cookie', 'refresh_token=… (HttpOnly: the browser adds it; this page cannot read it)'],
      ],
    });
    expect(displayRequest(sessionLoginRequest('alice', 'hunter2')).headers.map(([name]) => name)).toEqual(['Authorization']);
  });
});

describe('refreshDelaySeconds', () => {
  it('refreshes a fifth of the token’s life before it expires, at least 1 s and at most 30 s early', () => {
    expect(refreshDelaySeconds(15)).toBe(12);
    expect(refreshDelaySeconds(300)).toBe(270);
    expect(refreshDelaySeconds(3600)).toBe(3570);
    expect(refreshDelaySeconds(4)).toBe(3);
    expect(refreshDelaySeconds(1)).toBe(0);
  });

  it('never waits longer than setTimeout can, which fires at once past 2^31 − 1 ms', () => {
    expect(refreshDelaySeconds(2_200_000) * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(refreshDelaySeconds(2_200_000)).toBeGreaterThan(24 * 86_400);
    expect(refreshDelaySeconds(Number.MAX_SAFE_INTEGER) * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});

describe('cookieValue', () => {
  it('finds a cookie by its exact name in document.cookie', () => {
    expect(cookieValue('theme=dark; csrf_token=abc-123', 'csrf_token')).toBe('abc-123');
    expect(cookieValue('x_csrf_token=no', 'csrf_token')).toBeNull();
    expect(cookieValue('csrf_token=a=b', 'csrf_token')).toBe('a=b');
  });

  it('reads a missing or emptied cookie as none', () => {
    expect(cookieValue('', 'csrf_token')).toBeNull();
    expect(cookieValue('csrf_token=', 'csrf_token')).toBeNull();
  });
});

describe('curlCommand for the session routes', () => {
  it('repeats the session routes with a cookie jar in the browser’s place, and the Origin the browser would send', () => {
    const origin = 'http://localhost:3000';
    expect(curlCommand(origin, sessionLoginRequest('alice', 'hunter2', 15))).toBe(`curl -i -X POST -u 'alice' -c jar '${origin}/auth/login?ttl=15'`);
    expect(curlCommand(origin, refreshRequest(null))).toBe(`curl -i -X POST -b jar -H 'Origin: ${origin}' -c jar '${origin}/auth/refresh'`);
  });

  // The browser's CSRF token belongs to the browser's session: curl, logged in on its own, has another.
  it('sends the CSRF token from curl’s own cookie jar, never the browser’s', () => {
    const command = curlCommand('http://localhost:3000', refreshRequest('the-browsers-token'));
    expect(command).not.toContain('the-browsers-token');
    expect(command).toBe(
      `curl -i -X POST -b jar -H 'Origin: http://localhost:3000' -c jar -H "X-CSRF-Token: $(awk '$6 == "csrf_token" {print $7}' jar)" 'http://localhost:3000/auth/refresh'`,
    );
    expect(curlCommand('http://localhost:3000', logoutRequest('c'))).toContain(`-H "X-CSRF-Token: $(awk '$6 == "csrf_token" {print $7}' jar)"`);
  });
});
