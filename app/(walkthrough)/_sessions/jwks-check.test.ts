import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { oneCharacterChanged } from '../_shared/jwt-display';
import { verifyWithJwks } from './jwks-check';

const { publicKey, privateKey } = await generateKeyPair('ES256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'current', use: 'sig', alg: 'ES256' }] };

function accessToken({ kid = 'current', typ = 'at+jwt', exp = '5 min' } = {}) {
  return new SignJWT({ user: 'alice' }).setProtectedHeader({ alg: 'ES256', typ, kid }).setSubject('1').setIssuedAt().setExpirationTime(exp).sign(privateKey);
}

describe('verifyWithJwks', () => {
  it('verifies an access token with the public key alone, naming the key and the claims', async () => {
    const verdict = await verifyWithJwks(await accessToken(), jwks);
    expect(verdict).toMatchObject({ ok: true, kid: 'current', claims: { user: 'alice', sub: '1' } });
  });

  it('refuses the token with one character of its payload changed: the signature no longer fits', async () => {
    const verdict = await verifyWithJwks(oneCharacterChanged(await accessToken()), jwks);
    expect(verdict).toEqual({ ok: false, reason: 'the signature does not match the header and payload' });
  });

  it('refuses a token whose kid the JWKS does not publish, an expired one, and one of another type', async () => {
    expect(await verifyWithJwks(await accessToken({ kid: 'retired' }), jwks)).toEqual({ ok: false, reason: 'no key of the JWKS has the token’s kid' });
    expect(await verifyWithJwks(await accessToken({ exp: '-1 min' }), jwks)).toEqual({ ok: false, reason: 'the token has expired' });
    expect(await verifyWithJwks(await accessToken({ typ: 'rt+jwt' }), jwks)).toEqual({ ok: false, reason: 'its typ is missing or not what an access token has' });
  });

  it('refuses an HS256 token, whatever key its header names', async () => {
    const hs256 = await new SignJWT({ user: 'alice' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'current' }).setExpirationTime('5 min').sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await verifyWithJwks(hs256, jwks)).toEqual({ ok: false, reason: 'its algorithm is not ES256' });
  });
});
