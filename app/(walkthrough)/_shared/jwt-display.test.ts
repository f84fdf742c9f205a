import { SignJWT, decodeProtectedHeader, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  decodeUnverified,
  expiresAt,
  lifetimeOf,
  oneCharacterChanged,
  shortenToken,
  signatureMatches,
  stringClaim,
  tamperedToken,
  unsignedToken,
} from './jwt-display';

const SECRET = 'a-test-secret-of-at-least-32-bytes!!';
const secret = new TextEncoder().encode(SECRET);
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

describe('stringClaim', () => {
  it('reads a string claim, so the page can name the user and the jti', async () => {
    const decoded = decodeUnverified(await sign({ user: 'zoë', jti: 'j-1', exp: 1015 }));
    expect(stringClaim(decoded, 'user')).toBe('zoë');
    expect(stringClaim(decoded, 'jti')).toBe('j-1');
  });

  it('has nothing to show for a claim that is missing or not a string, or without a token', async () => {
    const decoded = decodeUnverified(await sign({ user: ['admin'], exp: 1015 }));
    expect(stringClaim(decoded, 'user')).toBeUndefined();
    expect(stringClaim(decoded, 'exp')).toBeUndefined();
    expect(stringClaim(decoded, 'jti')).toBeUndefined();
    expect(stringClaim(null, 'user')).toBeUndefined();
  });
});

describe('lifetimeOf', () => {
  it('is exp minus iat, the lifetime the server gave the token', async () => {
    expect(lifetimeOf(decodeUnverified(await sign({ user: 'alice', iat: 1000, exp: 1600 }))!)).toBe(600);
  });

  it('is unknown without iat', async () => {
    expect(lifetimeOf(decodeUnverified(await sign({ user: 'alice', exp: 1600 }))!)).toBeNull();
  });
});

describe('signatureMatches', () => {
  it('matches the secret that signed the token, as jose signs it', async () => {
    expect(await signatureMatches(await sign({ user: 'alice', exp: 2000 }), SECRET)).toBe(true);
  });

  it('does not match the tutorial secret, a near miss or a tampered payload', async () => {
    const token = await sign({ user: 'alice', exp: 2000 });
    expect(await signatureMatches(token, 'thisisthesecretkey')).toBe(false);
    expect(await signatureMatches(token, `${SECRET} `)).toBe(false);
    expect(await signatureMatches(tamperedToken(token), SECRET)).toBe(false);
  });

  it('does not match an unsigned token or text that is not a JWT', async () => {
    expect(await signatureMatches(unsignedToken(await sign({ user: 'alice', exp: 2000 })), SECRET)).toBe(false);
    expect(await signatureMatches('thisisthesecretkey', SECRET)).toBe(false);
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

describe('oneCharacterChanged', () => {
  it('changes exactly one character, in the payload, keeping the header and the signature', () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl';
    const changed = oneCharacterChanged(token);
    const differing = [...token].filter((char, index) => changed[index] !== char);
    expect(changed).toHaveLength(token.length);
    expect(differing).toHaveLength(1);
    expect(changed.split('.')[0]).toBe(token.split('.')[0]);
    expect(changed.split('.')[2]).toBe(token.split('.')[2]);
    expect(changed.split('.')[1]).not.toBe(token.split('.')[1]);
  });

  it('wraps round the alphabet, so the changed character is always base64url', () => {
    expect(oneCharacterChanged('h.a_b.s')).toBe('h.aAb.s');
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

  it('shows where a forged token first differs from the one it was made from, when its ends are the same', async () => {
    const token = await new SignJWT({ user: 'alice' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('30m').sign(secret);
    const tampered = tamperedToken(token);
    expect(shortenToken(tampered)).toBe(shortenToken(token));
    const shown = shortenToken(tampered, token);
    expect(shown).not.toBe(shortenToken(token));
    const [start, middle, end] = shown.split('…') as [string, string, string];
    expect(tampered.startsWith(start) && tampered.endsWith(end)).toBe(true);
    // The middle is the tampered token's, from the first character that differs from the original's.
    const at = tampered.indexOf(middle);
    expect(token.slice(0, at)).toBe(tampered.slice(0, at));
    expect(token[at]).not.toBe(tampered[at]);
    // A token that differs within its first characters needs no middle.
    expect(shortenToken(unsignedToken(token), token).split('…')).toHaveLength(2);
  });
});

describe('base64Encode', () => {
  it('encodes UTF-8 credentials the way Buffer does', () => {
    expect(base64Encode('zoë:pässword')).toBe(Buffer.from('zoë:pässword').toString('base64'));
  });
});
