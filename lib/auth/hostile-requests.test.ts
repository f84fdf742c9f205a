import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basicHeader, hostileBasicHeaders, hostileTransports } from '@/test/hostile-cases';
import { loadAuthConfig } from './config';
import { checkCredentials, MAX_BASIC_HEADER_LENGTH, parseBasicAuth } from './credentials';
import { authenticate, failureResponse, logIn } from './index';
import { signToken } from './token';

const SECRET = 'unit-test-secret-0123456789abcdefghijklmnop';
const config = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET });

function request(path: string, authorization?: string | null): Request {
  const headers = new Headers();
  if (authorization) headers.set('authorization', authorization);
  return new Request(`http://localhost${path}`, { headers });
}

beforeEach(() => {
  vi.stubEnv('JWT_SECRET', SECRET);
  vi.stubEnv('JWT_PREVIOUS_SECRETS', '');
  vi.stubEnv('DEMO_PASSWORD', '');
  vi.stubEnv('DEMO_USERS', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('GET /login refuses hostile Basic credentials with 401 "Could not verify!"', () => {
  it.each(hostileBasicHeaders().map((c) => [c.name, c] as const))('%s', async (_, { authorization }) => {
    const parsed = parseBasicAuth(authorization);
    expect(parsed === null || !(await checkCredentials(config, parsed))).toBe(true);

    const login = await logIn(request('/login', authorization));
    expect(login.ok).toBe(false);
    const response = failureResponse(login.ok ? { kind: 'missing' } : login.failure);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Login Required"');
    expect(await response.json()).toEqual({ message: 'Could not verify!' });
  });
});

describe('oversized Basic headers', () => {
  // Node answers 431 to headers over 16 KiB before the app runs (e2e/hostile.spec.ts); anything
  // smaller that reaches the parser is refused unread above 1 KiB.
  it.each([1_000, 12_000, 100_000])('refuses a header with a %d-character user name and the right password', (length) => {
    const header = basicHeader(`${'a'.repeat(length)}:password`);
    expect(header.length).toBeGreaterThan(1024);
    expect(parseBasicAuth(header)).toBeNull();
  });

  it('still reads a header of exactly 1 KiB, and refuses one character more', () => {
    // Spaces may follow the credentials, so padding lands the header exactly on the cap.
    const header = basicHeader(`${'a'.repeat(753)}:password`).padEnd(MAX_BASIC_HEADER_LENGTH, ' ');
    expect(header).toHaveLength(1024);
    expect(parseBasicAuth(header)).toMatchObject({ password: 'password' });
    expect(parseBasicAuth(`${header} `)).toBeNull();
  });
});

describe('Basic credentials that must still work', () => {
  it.each(['Basic', 'basic', 'BASIC', 'bAsIc'])('accepts the %s scheme name in any case (RFC 7617)', async (scheme) => {
    const login = await logIn(request('/login', basicHeader('alice:password').replace('Basic', scheme)));
    expect(login.ok).toBe(true);
  });

  it('splits at the first colon, so a password may hold colons', async () => {
    const parsed = parseBasicAuth(basicHeader('alice:pass:word'));
    expect(parsed).toEqual({ username: 'alice', password: 'pass:word' });
    expect(await checkCredentials(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: 'pass:word' }), parsed!)).toBe(true);
  });

  it('accepts non-ASCII names sent as UTF-8', () => {
    expect(parseBasicAuth(basicHeader('béa:password'))).toEqual({ username: 'béa', password: 'password' });
  });
});

describe('GET /protected refuses hostile ways of sending the token', () => {
  it.each(hostileTransports().map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const token = await signToken(config, 'alice', 600);
    const auth = await authenticate(request(`/protected${c.query.replaceAll('TOKEN', token)}`, c.authorization?.replaceAll('TOKEN', token)));
    expect(auth.ok).toBe(false);
    const response = failureResponse(auth.ok ? { kind: 'bad_credentials' } : auth.failure);
    expect(response.status).toBe(c.status);
    expect(await response.json()).toEqual({ message: c.message });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="protected"/);
    // Error bodies and challenges never echo the token.
    expect(JSON.stringify([...response.headers])).not.toContain(token);
  });

  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the %s scheme name in any case (RFC 6750, RFC 9110 §11.1)', async (scheme) => {
    const token = await signToken(config, 'alice', 600);
    expect(await authenticate(request('/protected', `${scheme} ${token}`))).toEqual({ ok: true, user: 'alice' });
  });
});
