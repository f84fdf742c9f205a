import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearSessionCookies, readCookie, setSessionCookies } from './cookies';

afterEach(() => vi.unstubAllEnvs());

const attributes = (cookie: string) => cookie.split('; ').slice(1).sort();

describe('setSessionCookies', () => {
  it('keeps the refresh token from scripts and other sites, and sends it to /auth only', () => {
    const [refresh] = setSessionCookies({ refreshToken: 'r.t.s', csrfToken: 'c', maxAgeSeconds: 60 });
    expect(refresh!.split('; ')[0]).toBe('refresh_token=r.t.s');
    expect(attributes(refresh!)).toEqual(['HttpOnly', 'Max-Age=60', 'Path=/auth', 'SameSite=Strict']);
  });

  it('lets the page read the CSRF token, on every path, from this site only', () => {
    const [, csrf] = setSessionCookies({ refreshToken: 'r.t.s', csrfToken: 'c', maxAgeSeconds: 60 });
    expect(csrf!.split('; ')[0]).toBe('csrf_token=c');
    expect(attributes(csrf!)).toEqual(['Max-Age=60', 'Path=/', 'SameSite=Strict']);
  });

  it('marks both Secure in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    for (const cookie of setSessionCookies({ refreshToken: 'r', csrfToken: 'c', maxAgeSeconds: 60 })) expect(attributes(cookie)).toContain('Secure');
  });
});

describe('clearSessionCookies', () => {
  it('expires both cookies at once, on the paths they were set for', () => {
    expect(clearSessionCookies().map((c) => c.split('; ').slice(0, 3))).toEqual([
      ['refresh_token=', 'Path=/auth', 'Max-Age=0'],
      ['csrf_token=', 'Path=/', 'Max-Age=0'],
    ]);
  });
});

describe('readCookie', () => {
  const request = (cookie: string) => new Request('http://localhost/auth/refresh', { headers: { cookie } });

  it('finds a cookie among others', () => {
    expect(readCookie(request('a=1; refresh_token=x.y.z; b=2'), 'refresh_token')).toBe('x.y.z');
  });

  it('finds nothing when it is absent, only a prefix of another name, or sent twice', () => {
    expect(readCookie(new Request('http://localhost/'), 'refresh_token')).toBeNull();
    expect(readCookie(request('refresh_token_old=x'), 'refresh_token')).toBeNull();
    expect(readCookie(request('refresh_token=a; refresh_token=b'), 'refresh_token')).toBeNull();
  });
});
