import { SignJWT, decodeProtectedHeader, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { base64Encode, decodeUnverified, expiresAt, shortenToken, tamperedToken, unsignedToken } from './jwt-display';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');
const sign = (payload: Record<string, unknown>) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' }).sign(secret);

describe('decodeUnverified', () => {
  it('reads the header and payload of a signed token, as jose does', async () => {
    const token = await sign({ user: 'zoë', iat: 1000, exp: 1015 });
    const decoded = decodeUnverified(token)!;
    expect(decoded.header).toEqual(decodeProtectedHeader(token));
    expect(decoded.payload).toEqual(decodeJwt(token));
    expect(decoded.segments.join('.')).toBe(token);
    expect(expiresAt(decoded)).toBe(1015);
  });

  it('returns null for text that is not a JWT', () => {
    for (const text of ['thisisthesecretkey', 'a.b', 'a.b.c', '!!.e30.x', `${btoa('[1]')}.${btoa('[1]')}.x`]) {
      expect(decodeUnverified(text)).toBeNull();
    }
  });

  it('reports no expiry when exp is missing or not a number', () => {
    expect(expiresAt({ segments: ['', '', ''], header: {}, payload: { exp: '15' } })).toBeNull();
  });
});

describe('tamperedToken', () => {
  it('changes the user to admin and keeps the header and signature', async () => {
    const token = await sign({ user: 'alice', exp: 2000 });
    const tampered = tamperedToken(token);
    expect(decodeJwt(tampered)).toEqual({ user: 'admin', exp: 2000 });
    expect(tampered.split('.')[0]).toBe(token.split('.')[0]);
    expect(tampered.split('.')[2]).toBe(token.split('.')[2]);
    expect(tampered).not.toBe(token);
  });

  it('changes the payload even when the user is already admin', async () => {
    const token = await sign({ user: 'admin', exp: 2000 });
    const tampered = tamperedToken(token);
    expect(decodeJwt(tampered)).toEqual({ user: 'root', exp: 2000 });
    expect(tampered.split('.')[1]).not.toBe(token.split('.')[1]);
  });
});

describe('unsignedToken', () => {
  it('keeps the payload under an alg none header with an empty signature', async () => {
    const token = await sign({ user: 'alice', exp: 2000 });
    const unsigned = unsignedToken(token);
    expect(decodeProtectedHeader(unsigned)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(unsigned.split('.')[1]).toBe(token.split('.')[1]);
    expect(unsigned.endsWith('.')).toBe(true);
  });
});

describe('shortenToken', () => {
  it('keeps the ends of a long token and leaves a short one alone', () => {
    expect(shortenToken('abcdefghijklmnopqrstuvwxyz0123456789')).toBe('abcdefghijkl…23456789');
    expect(shortenToken('thisisthesecretkey')).toBe('thisisthesecretkey');
  });
});

describe('base64Encode', () => {
  it('encodes UTF-8 credentials the way Buffer does', () => {
    expect(base64Encode('zoë:pässword')).toBe(Buffer.from('zoë:pässword').toString('base64'));
  });
});
