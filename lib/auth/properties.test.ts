import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from './config';
import { checkCredentials, parseBasicAuth } from './credentials';
import { INVALID_TOKEN_REASONS, type InvalidTokenReason } from '../contract';
import { signToken, verifyToken } from './token';

const SECRET = 'unit-test-secret-0123456789abcdefghijklmnop';
const config = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET });
const REASONS: readonly InvalidTokenReason[] = INVALID_TOKEN_REASONS;

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const segment = fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 120 });
const jsonSegment = fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url'));

/** verifyToken's answer for a token that must not verify: a refusal with one of the known reasons. */
async function expectRefused(token: string) {
  const result = await verifyToken(config, token);
  expect(result.ok).toBe(false);
  expect(REASONS).toContain(result.ok ? undefined : result.reason);
}

describe('verifyToken on arbitrary input', () => {
  it('never throws and never verifies an arbitrary string', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), expectRefused), { numRuns: 500 });
  });

  it('never verifies three arbitrary base64url segments', async () => {
    await fc.assert(fc.asyncProperty(segment, segment, segment, (h, p, s) => expectRefused(`${h}.${p}.${s}`)), { numRuns: 500 });
  });

  it('never verifies arbitrary JSON header and payload with an arbitrary signature', async () => {
    await fc.assert(fc.asyncProperty(jsonSegment, jsonSegment, segment, (h, p, s) => expectRefused(`${h}.${p}.${s}`)), { numRuns: 300 });
  });

  // The last character of a 43-character signature carries two unused bits, so four spellings
  // decode to the same 32 bytes (RFC 4648 §3.5). Such an edit is the same signature, not a forgery.
  const sameSignature = (a: string, b: string) =>
    a.slice(0, a.lastIndexOf('.')) === b.slice(0, b.lastIndexOf('.')) &&
    Buffer.from(a.slice(a.lastIndexOf('.') + 1), 'base64url').equals(Buffer.from(b.slice(b.lastIndexOf('.') + 1), 'base64url'));

  it('never verifies a real token with any one character changed, removed or added, unless the signed bytes are unchanged', async () => {
    const token = await signToken(config, 'alice', 600);
    const edit = fc.record({
      at: fc.nat({ max: token.length - 1 }),
      kind: fc.constantFrom('change', 'remove', 'insert'),
      char: fc.constantFrom(...BASE64URL, '.', '=', ' ', '+', '/'),
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ at, kind, char }) => {
        const rest = token.slice(at + (kind === 'insert' ? 0 : 1));
        const edited = token.slice(0, at) + (kind === 'remove' ? '' : char) + rest;
        fc.pre(edited !== token);
        const result = await verifyToken(config, edited);
        if (result.ok) expect(sameSignature(edited, token)).toBe(true);
        else expect(REASONS).toContain(result.reason);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only the four spellings of the last signature character that decode to the same bytes', async () => {
    const token = await signToken(config, 'alice', 600);
    const accepted: string[] = [];
    for (const char of BASE64URL) {
      const edited = token.slice(0, -1) + char;
      if ((await verifyToken(config, edited)).ok) accepted.push(edited);
    }
    expect(accepted).toHaveLength(4);
    for (const edited of accepted) expect(sameSignature(edited, token)).toBe(true);
  });
});

describe('parseBasicAuth on arbitrary input', () => {
  it('never throws, and anything it returns has a user, no control characters, and fails a wrong password', async () => {
    const header = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `Basic ${s}`),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => `Basic ${Buffer.from(bytes).toString('base64')}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (text) => {
        const parsed = parseBasicAuth(text);
        if (parsed === null) return;
        expect(parsed.username).not.toBe('');
        expect(`${parsed.username}${parsed.password}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        if (parsed.password !== 'password') expect(await checkCredentials(config, parsed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any user without a colon and any password, when neither holds a control character', () => {
    const text = (colon: boolean) =>
      fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && (colon || !s.includes(':')));
    fc.assert(
      fc.property(text(false).filter((s) => s !== ''), text(true), (username, password) => {
        const header = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
        fc.pre(header.length <= 1024);
        expect(parseBasicAuth(header)).toEqual({ username, password });
      }),
      { numRuns: 1000 },
    );
  });
});
