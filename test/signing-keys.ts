import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { PrivateJwk, PublicJwk } from '@/lib/auth/config';

// Fixed ES256 keys for the tests only, as TEST_JWT_SECRET is a fixed HMAC secret: never deploy them.
// Two, so that a test can rotate from one to the other.
export const TEST_SIGNING_KEYS: readonly [PrivateJwk, PrivateJwk] = [
  { kty: 'EC', crv: 'P-256', x: '2e5_giQs4Ty-KMwMe6_HHpPoWMstEg3jDaAHfybS2xY', y: '4RfmWjHNBGaCr4JksssZZeg9DjKYA9HEG2k9V1btsX0', d: '9P7exwGwkHrdLesShCF7j5e56Icp9Yh0XCX-91OEHow' },
  { kty: 'EC', crv: 'P-256', x: 'mLnsnZGxSc9bo3Fe2N_xFGUvWXjmzvCekLPBOv9l91g', y: 'CWV7Gyv8wplbz2Qh8vTs_MqSxfzRMtNaN_rzmcmpy-0', d: 'eZeMf75TbpDSH1ZHFY6q9PBJv5AMjmNW9z8mgotcPIQ' },
];

/** JWT_SIGNING_KEY's value for a test key: the private JWK as JSON. */
export const signingKeyEnv = (jwk: PrivateJwk = TEST_SIGNING_KEYS[0]) => JSON.stringify(jwk);

/** JWT_PREVIOUS_PUBLIC_KEYS's value for keys: their public halves as a JWK Set. */
export const publicKeysEnv = (...jwks: PrivateJwk[]) => JSON.stringify({ keys: jwks.map(publicHalf) });

export const publicHalf = ({ kty, crv, x, y }: PrivateJwk): PublicJwk => ({ kty, crv, x, y });

/** The public key as PEM text: what an attacker would use as an HMAC secret in an algorithm confusion. */
export const publicPem = (jwk: PrivateJwk) => createPublicKey({ key: { ...publicHalf(jwk) }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();

/** Signs `header.payload` (both already base64url) with ES256 under `jwk`, as raw bytes would be. */
export function signEs256(header: string, payload: string, jwk: PrivateJwk | JsonWebKey = TEST_SIGNING_KEYS[0]): string {
  const input = `${header}.${payload}`;
  const key = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}
