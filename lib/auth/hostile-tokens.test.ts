import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostileTokens, jsonSegment, signRaw } from '@/test/hostile-cases';
import { signingKeyEnv } from '@/test/signing-keys';
import { loadAuthConfig } from './config';
import { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_LENGTH } from './limits';
import { signToken, verifyToken } from './token';

const kidFor = async (secret: string) => decodeProtectedHeader(await signToken(loadAuthConfig({ JWT_SECRET: secret }), 'x', 60)).kid;

// Pass-through spy, so a test can tell whether a token reached jose at all.
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof import('jose')>();
  return { ...jose, jwtVerify: vi.fn(jose.jwtVerify) };
});

const SECRET = 'unit-test-secret-0123456789abcdefghijklmnop';
const config = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv() });
const NOW = 1_800_000_000;

const hs256 = jsonSegment({ alg: 'HS256', typ: 'JWT' });
const signed = (payload: unknown) => signRaw(hs256, jsonSegment(payload), SECRET);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW * 1000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('verifyToken refuses every hostile token with its reason', () => {
  const cases = hostileTokens(SECRET, NOW);

  it('covers at least 50 hostile tokens across all four families', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.family))).toEqual(new Set(['algorithms', 'claims', 'structure', 'forgery']));
  });

  it.each(cases.map((c) => [`${c.family}: ${c.name}`, c] as const))('%s', async (_, { token, reason }) => {
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason });
  });
});

describe('the controls that make the refusals above mean something', () => {
  it('accepts the well-formed token the hostile ones are built from', async () => {
    const result = await verifyToken(config, signed({ user: 'alice', iat: NOW, exp: NOW + 600 }));
    expect(result).toMatchObject({ ok: true, user: 'alice' });
  });

  it('accepts nbf and iat within the clock tolerance, but not exp', async () => {
    const skew = CLOCK_TOLERANCE_SECONDS - 1;
    expect(await verifyToken(config, signed({ user: 'alice', iat: NOW + skew, nbf: NOW + skew, exp: NOW + 600 }))).toMatchObject({ ok: true });
    expect(await verifyToken(config, signed({ user: 'alice', iat: NOW, exp: NOW }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts the longest lifetime this server issues, plus the clock tolerance, and an nbf of 0', async () => {
    const longest = config.ttlSeconds + CLOCK_TOLERANCE_SECONDS;
    expect(await verifyToken(config, signed({ user: 'alice', iat: NOW, exp: NOW + longest }))).toMatchObject({ ok: true });
    expect(await verifyToken(config, signed({ user: 'alice', iat: NOW, nbf: 0, exp: NOW + 60 }))).toMatchObject({ ok: true });
  });

  it('reports an expired token as expired during a rotation, whichever key signed it and whether or not it names it', async () => {
    const OLD = 'old-unit-test-secret-0123456789abcdefghijk';
    const rotating = loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_SECRETS: OLD });
    // Expired beyond the clock tolerance, so that jose itself reports it while trying the first key.
    const claims = jsonSegment({ user: 'alice', iat: NOW - 600, exp: NOW - 60 });
    const header = async (secret: string, named: boolean) => jsonSegment({ alg: 'HS256', typ: 'JWT', ...(named && { kid: await kidFor(secret) }) });
    for (const secret of [OLD, SECRET]) {
      for (const named of [true, false]) {
        expect(await verifyToken(rotating, signRaw(await header(secret, named), claims, secret))).toEqual({ ok: false, reason: 'expired' });
      }
    }
  });

  it('refuses a negative iat even when TOKEN_TTL_SECONDS is so long that the age check alone would let it pass', async () => {
    const centuries = loadAuthConfig({ JWT_SECRET: SECRET, TOKEN_TTL_SECONDS: String(100 * 365 * 86_400) });
    expect(await verifyToken(centuries, signed({ user: 'alice', iat: -1, exp: NOW + 600 }))).toEqual({ ok: false, reason: 'invalid_claims' });
    expect(await verifyToken(centuries, signed({ user: 'alice', iat: 0, exp: NOW + 600 }))).toMatchObject({ ok: true });
  });

  it('accepts a validly signed token right at the 8 KiB cap, so the cap refuses only oversized ones', async () => {
    let pad = 6000;
    while (signed({ user: 'alice', iat: NOW, exp: NOW + 600, pad: 'x'.repeat(pad + 1) }).length <= MAX_TOKEN_LENGTH) pad++;
    const token = signed({ user: 'alice', iat: NOW, exp: NOW + 600, pad: 'x'.repeat(pad) });
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(await verifyToken(config, token)).toMatchObject({ ok: true });
  });
});

describe('behaviour worth knowing', () => {
  it('takes the last of duplicate payload keys, as JSON.parse does; only the key holder can sign such a token', async () => {
    const token = signRaw(hs256, Buffer.from(`{"user":"alice","user":"bob","iat":${NOW},"exp":${NOW + 600}}`).toString('base64url'), SECRET);
    expect(await verifyToken(config, token)).toMatchObject({ ok: true, user: 'bob' });
  });

  it('never fetches the URL in a jku or x5u header, even on a token it accepts', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const header = jsonSegment({ alg: 'HS256', typ: 'JWT', jku: 'https://attacker.example/jwks.json', x5u: 'https://attacker.example/c.pem' });
    const token = signRaw(header, jsonSegment({ user: 'alice', iat: NOW, exp: NOW + 600 }), SECRET);
    expect(await verifyToken(config, token)).toMatchObject({ ok: true });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses an oversized or misshapen token before decoding any of it', async () => {
    vi.mocked(jwtVerify).mockClear();
    const payload = jsonSegment({ user: 'alice', exp: NOW + 600, pad: 'x'.repeat(1 << 20) });
    expect(await verifyToken(config, signRaw(hs256, payload, SECRET))).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyToken(config, `${signed({ user: 'alice', exp: NOW + 600 })}=`)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyToken(config, ` ${signed({ user: 'alice', exp: NOW + 600 })}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(jwtVerify).not.toHaveBeenCalled();
  });
});
