import { NextResponse } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearedSessionCookies, readCookie, sessionCookies } from './cookies';

afterEach(() => vi.unstubAllEnvs());

const issued = () => sessionCookies({ refreshToken: 'r.t.s', csrfToken: 'c', pageToken: 'p.t.s', maxAgeSeconds: 60, pageMaxAgeSeconds: 600 });

/** The Set-Cookie lines Next's cookies API writes for these cookies. */
function serialized(specs: ReturnType<typeof issued>): string[] {
  const response = NextResponse.json({});
  for (const cookie of specs) response.cookies.set(cookie);
  return response.headers.getSetCookie();
}
// Next's serialiser writes Expires beside Max-Age, for old browsers: left out here, Max-Age is the rule.
const attributes = (line: string) => line.split('; ').slice(1).filter((a) => !a.startsWith('Expires=')).sort();

describe('sessionCookies', () => {
  it('keeps the refresh token from scripts and other sites, and sends it to /auth only', () => {
    const [refresh] = serialized(issued());
    expect(refresh!.split('; ')[0]).toBe('refresh_token=r.t.s');
    expect(attributes(refresh!)).toEqual(['HttpOnly', 'Max-Age=60', 'Path=/auth', 'SameSite=strict']);
  });

  it('lets the page read the CSRF token, on every path, from this site only', () => {
    const [, csrf] = serialized(issued());
    expect(csrf!.split('; ')[0]).toBe('csrf_token=c');
    expect(attributes(csrf!)).toEqual(['Max-Age=60', 'Path=/', 'SameSite=strict']);
  });

  it("names the session to the app's pages in an HttpOnly cookie on every path, SameSite=Lax, living until the session's end", () => {
    const [, , page] = serialized(issued());
    expect(page!.split('; ')[0]).toBe('session=p.t.s');
    expect(attributes(page!)).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=lax']);
  });

  it('marks all three Secure in production, and names them with the prefix the browser then holds them to', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const lines = serialized(issued());
    for (const line of lines) expect(attributes(line)).toContain('Secure');
    // __Host-: Secure, Path=/ and no Domain; __Secure-: Secure (the refresh cookie's Path=/auth rules out __Host-).
    expect(lines.map((line) => [line.split('=')[0], line.split('; ').find((a) => a.startsWith('Path='))])).toEqual([
      ['__Secure-refresh_token', 'Path=/auth'],
      ['__Host-csrf_token', 'Path=/'],
      ['__Host-session', 'Path=/'],
    ]);
    for (const line of lines) expect(line).not.toContain('Domain=');
  });
});

describe('clearedSessionCookies', () => {
  it('expires the three cookies at once, on the paths they were set for', () => {
    expect(serialized(clearedSessionCookies()).map((c) => c.split('; ').filter((a) => !a.startsWith('Expires=')).slice(0, 3))).toEqual([
      ['refresh_token=', 'Path=/auth', 'Max-Age=0'],
      ['csrf_token=', 'Path=/', 'Max-Age=0'],
      ['session=', 'Path=/', 'Max-Age=0'],
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
