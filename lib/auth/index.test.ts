import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basicHeader } from '@/test/hostile-cases';
import { GATE_TIMING_HEADER, parseServerTiming } from '../contract';
import { getAuthConfig, loadAuthConfig } from './config';
import { authenticate, checkToken, HEADER_ONLY, logIn, type SessionLookup } from './index';
import { signAccessToken, signToken } from './token';

// Pass-through spy, so a test can make reading the configuration fail the way a bug would.
vi.mock('./config', async (importOriginal) => {
  const config = await importOriginal<typeof import('./config')>();
  return { ...config, getAuthConfig: vi.fn(config.getAuthConfig) };
});

const SECRET = 'index-test-secret-0123456789abcdefghijklmn';
const config = loadAuthConfig({ JWT_SECRET: SECRET });

const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

beforeEach(() => {
  vi.stubEnv('JWT_SECRET', SECRET);
  vi.stubEnv('TOKEN_TTL_SECONDS', '');
  vi.stubEnv('DEMO_PASSWORD', '');
  vi.stubEnv('DEMO_USERS', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('logIn', () => {
  it('signs a token for the credentials, living TOKEN_TTL_SECONDS unless ttl asks for less', async () => {
    vi.stubEnv('TOKEN_TTL_SECONDS', '600');
    const login = await logIn(request('/login', { authorization: basicHeader('alice:password') }));
    expect(login).toEqual({ ok: true, token: expect.any(String) });
    const short = await logIn(request('/login?ttl=15', { authorization: basicHeader('alice:password') }));
    expect(short.ok).toBe(true);
  });

  it('refuses a ttl above TOKEN_TTL_SECONDS, naming the range', async () => {
    vi.stubEnv('TOKEN_TTL_SECONDS', '10');
    expect(await logIn(request('/login?ttl=15', { authorization: basicHeader('alice:password') }))).toEqual({
      ok: false,
      failure: { kind: 'bad_ttl', message: 'ttl must be a whole number of seconds from 1 to 10.' },
    });
  });

  it('answers a broken configuration with its sentence, before looking at the credentials', async () => {
    vi.stubEnv('JWT_SECRET', 'short');
    expect(await logIn(request('/login', { authorization: basicHeader('alice:password') }))).toEqual({
      ok: false,
      failure: { kind: 'config', message: expect.stringMatching(/^JWT_SECRET is shorter than 32 bytes/) },
    });
  });
});

describe('authenticate', () => {
  it('answers a broken configuration with its sentence, whatever the token', async () => {
    vi.stubEnv('JWT_SECRET', '');
    expect(await authenticate(request('/protected?token=a.b.c'))).toEqual({
      ok: false,
      failure: { kind: 'config', message: expect.stringMatching(/^JWT_SECRET is not set/) },
    });
  });

  it('refuses a token that verifies but is not the only one sent', async () => {
    const token = await signToken(config, 'alice', 60);
    expect(await authenticate(request(`/protected?token=${token}`, { authorization: `Bearer ${token} x` }))).toMatchObject({
      ok: false,
      failure: { kind: 'invalid_request' },
    });
  });
});

describe('checkToken', () => {
  it('times the gate alone when the gate refuses, whatever gate header the client sent', async () => {
    const check = await checkToken(request('/protected', { [GATE_TIMING_HEADER]: 'gate;dur=0.42;desc="verified"' }), 'gate');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.response.status).toBe(401);
    expect(check.response.headers.get('server-timing')).toMatch(/^gate;dur=[\d.]+;desc="refused"$/);
  });

  it('reports how long its check took, in milliseconds', async () => {
    vi.spyOn(performance, 'now').mockReturnValueOnce(1000).mockReturnValueOnce(1002.5);
    const check = await checkToken(request('/protected'), 'gate');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(parseServerTiming(check.response.headers.get('server-timing'))).toEqual([{ layer: 'gate', ms: 2.5, verdict: 'refused' }]);
  });

  it('reports the gate and then the route when the gate passed the request on', async () => {
    const token = await signToken(config, 'alice', 60);
    const passed = request(`/protected?token=${token}`, { [GATE_TIMING_HEADER]: 'gate;dur=0.42;desc="verified"' });
    const check = await checkToken(passed, 'route');
    expect(check).toEqual({ ok: true, user: 'alice', serverTiming: expect.any(String) });
    if (!check.ok) return;
    expect(parseServerTiming(check.serverTiming)).toEqual([
      { layer: 'gate', ms: 0.42, verdict: 'verified' },
      { layer: 'route', ms: expect.any(Number), verdict: 'verified' },
    ]);
  });

  it.each(['gate;dur=1;desc="refused"', 'route;dur=1;desc="verified"'])(
    'ignores %s in the gate header, which the gate never hands on, so a route refusal never reads as anyone else\'s',
    async (entry) => {
      const check = await checkToken(request('/protected', { [GATE_TIMING_HEADER]: entry }), 'route');
      expect(check.ok).toBe(false);
      if (check.ok) return;
      expect(parseServerTiming(check.response.headers.get('server-timing'))).toEqual([
        { layer: 'route', ms: expect.any(Number), verdict: 'refused' },
      ]);
    },
  );

  it('answers an unexpected failure with a generic 500, logged once without the token', async () => {
    // A user no other test signs for, so the token cannot already be remembered as verified.
    const token = await signToken(config, 'broken-webcrypto', 60);
    vi.spyOn(crypto.subtle, 'verify').mockRejectedValue(new TypeError(`WebCrypto broke on ${token}`));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const check = await checkToken(request('/protected', { authorization: `Bearer ${token}` }), 'route');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.response.status).toBe(500);
    expect(await check.response.json()).toEqual({ message: 'Something went wrong on the server. It has been logged.' });
    expect(parseServerTiming(check.response.headers.get('server-timing'))).toMatchObject([{ layer: 'route', verdict: 'error' }]);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).toMatch(/^Unexpected error in route, answered 500\. .*TypeError: WebCrypto broke on/);
    for (const part of token.split('.')) expect(line).not.toContain(part);
  });

  it('answers a bug while reading the configuration with a generic 500, never as a configuration message', async () => {
    vi.mocked(getAuthConfig).mockImplementationOnce(() => {
      throw new TypeError('a bug, not a configuration problem');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const check = await checkToken(request('/protected'), 'gate');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.response.status).toBe(500);
    expect(await check.response.json()).toEqual({ message: 'Something went wrong on the server. It has been logged.' });
    expect(log).toHaveBeenCalledTimes(1);
  });

  describe('with a session token', () => {
    const sessionToken = async () => (await signAccessToken(config, { sub: 'user-id-1', user: 'alice', roles: ['admin'], sid: 'session-1' }, 60)).token;
    const route = async (lookup: SessionLookup) =>
      checkToken(request('/protected', { authorization: `Bearer ${await sessionToken()}` }), 'route', { sessions: lookup });

    it('lets the gate pass it on, saying it did not check the session', async () => {
      const check = await checkToken(request('/protected', { authorization: `Bearer ${await sessionToken()}` }), 'gate');
      expect(check.ok && parseServerTiming(check.serverTiming)).toMatchObject([{ layer: 'gate', verdict: 'verified (session not checked)' }]);
    });

    it('serves it at the route while its session is live', async () => {
      const lookup = vi.fn<SessionLookup>(async () => ({ live: true }));
      const check = await route(lookup);
      expect(lookup).toHaveBeenCalledWith(expect.objectContaining({ sid: 'session-1', sub: 'user-id-1', roles: ['admin'] }));
      expect(check.ok && check.session).toMatchObject({ sid: 'session-1', sub: 'user-id-1', user: 'alice' });
      expect(check.ok && parseServerTiming(check.serverTiming)).toMatchObject([{ layer: 'route', verdict: 'verified (session live)' }]);
    });

    it('reports the entry the gate handed on, then its own, once the session is found live', async () => {
      const passed = request('/protected', {
        authorization: `Bearer ${await sessionToken()}`,
        [GATE_TIMING_HEADER]: 'gate;dur=0.42;desc="verified (session not checked)"',
      });
      const check = await checkToken(passed, 'route', { sessions: async () => ({ live: true }) });
      expect(check.ok && parseServerTiming(check.serverTiming)).toEqual([
        { layer: 'gate', ms: 0.42, verdict: 'verified (session not checked)' },
        { layer: 'route', ms: expect.any(Number), verdict: 'verified (session live)' },
      ]);
    });

    it('refuses it as revoked once its session has ended', async () => {
      const check = await route(async () => ({ live: false }));
      expect(check.ok).toBe(false);
      if (check.ok) return;
      expect(check.response.status).toBe(401);
      expect(check.response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(await check.response.json()).toEqual({ message: 'Token is invalid!', reason: 'revoked' });
    });

    it('fails closed with 503 when the store cannot say', async () => {
      const check = await route(async () => ({ unavailable: 'The session store cannot be reached right now. Try again shortly.' }));
      expect(check.ok).toBe(false);
      if (check.ok) return;
      expect(check.response.status).toBe(503);
      expect(parseServerTiming(check.response.headers.get('server-timing'))).toMatchObject([{ layer: 'route', verdict: 'unavailable' }]);
    });

    it('never asks the store about a tutorial token', async () => {
      const lookup = vi.fn<SessionLookup>();
      const check = await checkToken(request('/protected', { authorization: `Bearer ${await signToken(config, 'alice', 60)}` }), 'route', { sessions: lookup });
      expect(check.ok).toBe(true);
      expect(lookup).not.toHaveBeenCalled();
    });

    it('refuses a session token in ?token= where a session is required: 400, in the header only', async () => {
      const check = await checkToken(request(`/api/todos?token=${await sessionToken()}`), 'gate', { requireSession: true });
      expect(check.ok).toBe(false);
      if (check.ok) return;
      expect(check.response.status).toBe(400);
      expect(await check.response.json()).toEqual({ message: HEADER_ONLY });
    });

    it('refuses a tutorial token where a session is required, at either layer, saying it carries none', async () => {
      const tutorial = `Bearer ${await signToken(config, 'alice', 60)}`;
      for (const layer of ['gate', 'route'] as const) {
        const check = await checkToken(request('/api/todos', { authorization: tutorial }), layer, { requireSession: true });
        expect(check.ok).toBe(false);
        if (check.ok) continue;
        expect(check.response.status).toBe(401);
        expect(await check.response.json()).toEqual({ message: 'Token is invalid!', reason: 'no_session' });
        expect(check.response.headers.get('www-authenticate')).toContain('error_description="This token carries no session');
      }
    });
  });
});
