import { createHash, createHmac, generateKeyPairSync, sign as signWithKey } from 'node:crypto';
import { CLOCK_TOLERANCE_SECONDS, DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_TTL_SECONDS } from '@/lib/auth/limits';
import type { PrivateJwk } from '@/lib/auth/config';
import type { InvalidTokenReason } from '@/lib/contract';
import { publicHalf, publicPem, signEs256, TEST_SIGNING_KEYS } from './signing-keys';

// Hostile inputs shared by the unit tests (lib/auth/*.test.ts) and the e2e specs, so each one is
// refused both by verifyToken alone and by the production server. Tokens are assembled byte by
// byte, not with jose, so they can be wrong in ways jose would never produce.

export interface HostileToken {
  family: 'algorithms' | 'claims' | 'structure' | 'forgery';
  name: string;
  token: string;
  reason: InvalidTokenReason;
}

/** The tutorial's published secret: a token signed with it must never verify. */
export const TUTORIAL_SECRET = 'thisisthesecretkey';

const b64 = (bytes: string | Buffer) => Buffer.from(bytes).toString('base64url');

/** A JSON value as a base64url token segment. */
export const jsonSegment = (value: unknown) => b64(JSON.stringify(value));

/** An `Authorization: Basic` value for raw credentials, `user:password` or any bytes at all. */
export const basicHeader = (credentials: string | Buffer) => `Basic ${Buffer.from(credentials).toString('base64')}`;
const hmac = (hash: string, key: string, input: string) => createHmac(hash, key).update(input).digest('base64url');

/** A compact JWS of the given raw header and payload segments, HMAC-signed with `key`. */
export function signRaw(header: string, payload: string, key: string, hash = 'sha256'): string {
  return `${header}.${payload}.${hmac(hash, key, `${header}.${payload}`)}`;
}

// The smallest validly signed token longer than the 8192-character cap.
function overCap(signed: (payload: unknown) => string, claims: object): string {
  let pad = 6000;
  while (signed({ ...claims, pad: 'x'.repeat(pad) }).length <= 8192) pad++;
  return signed({ ...claims, pad: 'x'.repeat(pad) });
}

/** The claims of a well-formed session token of user `bob` (a user), for the hostile cases to spoil one at a time. */
export const SESSION_CLAIMS = { sub: 'user-id-bob', user: 'bob', roles: ['user'], sid: 'session-1', jti: 'token-1', iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE };

/**
 * Tokens a server with JWT_SECRET `secret` and JWT_SIGNING_KEY `signingKey` must refuse, each with
 * its reason. The access tokens are ES256 under `signingKey`, as the server's own are.
 */
export function hostileTokens(secret: string, now: number, signingKey: PrivateJwk = TEST_SIGNING_KEYS[0]): HostileToken[] {
  const hs256 = jsonSegment({ alg: 'HS256', typ: 'JWT' });
  const claims = { user: 'alice', iat: now, exp: now + 600 };
  const body = jsonSegment(claims);
  const signed = (payload: unknown) => signRaw(hs256, jsonSegment(payload), secret);
  const signedText = (payload: string | Buffer) => signRaw(hs256, b64(payload), secret);
  const withHeader = (header: object) => signRaw(jsonSegment({ typ: 'JWT', ...header }), body, secret);
  const valid = signRaw(hs256, body, secret);
  const [h, p, s] = valid.split('.') as [string, string, string];
  const other = signRaw(hs256, jsonSegment({ ...claims, user: 'bob' }), secret);

  const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rs256Input = `${jsonSegment({ alg: 'RS256', typ: 'JWT' })}.${body}`;
  const es256Input = `${jsonSegment({ alg: 'ES256', typ: 'JWT' })}.${body}`;

  const cases: Omit<HostileToken, 'family'>[][] = [];
  const algorithms: Omit<HostileToken, 'family'>[] = [
    { name: 'alg none, no signature', token: `${jsonSegment({ alg: 'none', typ: 'JWT' })}.${body}.`, reason: 'unsupported_algorithm' },
    { name: 'alg None', token: `${jsonSegment({ alg: 'None', typ: 'JWT' })}.${body}.`, reason: 'unsupported_algorithm' },
    { name: 'alg NONE', token: `${jsonSegment({ alg: 'NONE', typ: 'JWT' })}.${body}.`, reason: 'unsupported_algorithm' },
    { name: 'alg none with the real HS256 signature', token: `${jsonSegment({ alg: 'none' })}.${body}.${s}`, reason: 'unsupported_algorithm' },
    { name: 'HS384 with the same secret', token: signRaw(jsonSegment({ alg: 'HS384' }), body, secret, 'sha384'), reason: 'unsupported_algorithm' },
    { name: 'HS512 with the same secret', token: signRaw(jsonSegment({ alg: 'HS512' }), body, secret, 'sha512'), reason: 'unsupported_algorithm' },
    { name: 'RS256 signed with an RSA key', token: `${rs256Input}.${b64(signWithKey('sha256', Buffer.from(rs256Input), rsa))}`, reason: 'unsupported_algorithm' },
    { name: 'ES256 signed with an EC key', token: `${es256Input}.${b64(signWithKey('sha256', Buffer.from(es256Input), { key: ec, dsaEncoding: 'ieee-p1363' }))}`, reason: 'unsupported_algorithm' },
    { name: 'RS256 header over an HMAC of the secret (key confusion)', token: signRaw(jsonSegment({ alg: 'RS256' }), body, secret), reason: 'unsupported_algorithm' },
    { name: 'alg in lower case', token: withHeader({ alg: 'hs256' }), reason: 'unsupported_algorithm' },
    { name: 'no alg at all', token: signRaw(jsonSegment({ typ: 'JWT' }), body, secret), reason: 'malformed' },
    { name: 'typ missing', token: signRaw(jsonSegment({ alg: 'HS256' }), body, secret), reason: 'invalid_claims' },
    { name: 'typ at+jwt with HS256, an algorithm access tokens never have', token: withHeader({ alg: 'HS256', typ: 'at+jwt' }), reason: 'unsupported_algorithm' },
    { name: 'typ JWS', token: withHeader({ alg: 'HS256', typ: 'JWS' }), reason: 'invalid_claims' },
  ];
  const claimsCases: Omit<HostileToken, 'family'>[] = [
    { name: 'exp missing', token: signed({ user: 'alice', iat: now }), reason: 'invalid_claims' },
    { name: 'exp a string', token: signed({ ...claims, exp: String(now + 600) }), reason: 'invalid_claims' },
    { name: 'exp 1e400 (Infinity)', token: signedText(`{"user":"alice","iat":${now},"exp":1e400}`), reason: 'invalid_claims' },
    { name: 'exp -1e400 (minus Infinity)', token: signedText(`{"user":"alice","iat":${now},"exp":-1e400}`), reason: 'expired' },
    { name: 'exp null', token: signed({ ...claims, exp: null }), reason: 'invalid_claims' },
    { name: 'exp in the past', token: signed({ ...claims, iat: now - 3600, exp: now - 60 }), reason: 'expired' },
    { name: 'exp one second ago (no tolerance for exp)', token: signed({ ...claims, exp: now - 1 }), reason: 'expired' },
    { name: 'exp equal to now', token: signed({ ...claims, exp: now }), reason: 'expired' },
    { name: 'nbf beyond the clock tolerance', token: signed({ ...claims, nbf: now + 60 }), reason: 'not_yet_valid' },
    { name: 'nbf 1e400', token: signedText(`{"user":"alice","iat":${now},"exp":${now + 600},"nbf":1e400}`), reason: 'not_yet_valid' },
    { name: 'iat beyond the clock tolerance', token: signed({ ...claims, iat: now + 60 }), reason: 'invalid_claims' },
    { name: 'iat 1e400', token: signedText(`{"user":"alice","iat":1e400,"exp":${now + 600}}`), reason: 'invalid_claims' },
    { name: 'iat a string', token: signed({ ...claims, iat: 'now' }), reason: 'invalid_claims' },
    { name: 'iat missing', token: signed({ user: 'alice', exp: now + 600 }), reason: 'invalid_claims' },
    { name: 'iat negative', token: signed({ ...claims, iat: -1 }), reason: 'invalid_claims' },
    { name: 'iat older than any token this server issues, exp still ahead', token: signed({ ...claims, iat: now - 86_400 }), reason: 'invalid_claims' },
    { name: 'exp 10^26, a token that never expires', token: signed({ ...claims, exp: 1e26 }), reason: 'invalid_claims' },
    {
      name: `a lifetime one second longer than the default ${DEFAULT_TTL_SECONDS} s and the clock tolerance allow`,
      token: signed({ ...claims, exp: now + DEFAULT_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS + 1 }),
      reason: 'invalid_claims',
    },
    { name: 'nbf negative', token: signed({ ...claims, nbf: -1 }), reason: 'invalid_claims' },
    { name: 'nbf a string', token: signed({ ...claims, nbf: String(now) }), reason: 'invalid_claims' },
    { name: 'user missing', token: signed({ iat: now, exp: now + 600 }), reason: 'invalid_claims' },
    { name: 'user empty', token: signed({ ...claims, user: '' }), reason: 'invalid_claims' },
    { name: 'user not a string', token: signed({ ...claims, user: { name: 'alice' } }), reason: 'invalid_claims' },
    { name: 'payload a JSON array', token: signedText('[{"user":"alice"}]'), reason: 'malformed' },
    { name: 'payload a JSON string', token: signedText('"alice"'), reason: 'malformed' },
    { name: 'payload null', token: signedText('null'), reason: 'malformed' },
    { name: 'payload not JSON', token: signedText('{"user":"alice",'), reason: 'malformed' },
    { name: 'header a JSON array', token: signRaw(b64('[{"alg":"HS256"}]'), body, secret), reason: 'malformed' },
    { name: 'header not JSON', token: signRaw(b64('{"alg":"HS256"'), body, secret), reason: 'malformed' },
    {
      name: 'payload with invalid UTF-8',
      token: signedText(Buffer.concat([Buffer.from('{"user":"al'), Buffer.from([0xff, 0xfe]), Buffer.from(`ice","exp":${now + 600}}`)])),
      reason: 'malformed',
    },
    {
      name: 'header with invalid UTF-8',
      token: signRaw(b64(Buffer.concat([Buffer.from('{"alg":"HS256","x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])), body, secret),
      reason: 'malformed',
    },
    { name: 'duplicate alg, the last one none', token: signRaw(b64('{"alg":"HS256","alg":"none"}'), body, secret), reason: 'unsupported_algorithm' },
    { name: 'duplicate exp, the last one expired', token: signedText(`{"user":"alice","iat":${now - 600},"exp":${now + 600},"exp":${now - 60}}`), reason: 'expired' },
  ];
  const structure: Omit<HostileToken, 'family'>[] = [
    { name: 'one segment', token: h, reason: 'malformed' },
    { name: 'two segments', token: `${h}.${p}`, reason: 'malformed' },
    { name: 'four segments', token: `${valid}.${s}`, reason: 'malformed' },
    { name: 'five segments (a JWE)', token: `${h}.${p}.${s}.${s}.${s}`, reason: 'malformed' },
    { name: 'all segments empty', token: '..', reason: 'malformed' },
    { name: 'empty header', token: `.${p}.${s}`, reason: 'malformed' },
    { name: 'empty payload', token: `${h}..${s}`, reason: 'malformed' },
    { name: 'empty signature', token: `${h}.${p}.`, reason: 'bad_signature' },
    { name: 'base64 padding', token: `${h}=.${p}.${s}`, reason: 'malformed' },
    { name: 'standard base64 characters + and /', token: `${h}.${p}.${s.slice(0, -2)}+/`, reason: 'malformed' },
    { name: 'a character outside base64url', token: `${h}.${p}!.${s}`, reason: 'malformed' },
    { name: 'a space inside', token: `${h}. ${p}.${s}`, reason: 'malformed' },
    { name: 'a newline at the end', token: `${valid}\n`, reason: 'malformed' },
    { name: 'signature truncated by one character', token: valid.slice(0, -1), reason: 'bad_signature' },
    { name: 'signature truncated to an impossible length', token: valid.slice(0, -2), reason: 'malformed' },
    { name: 'signature swapped from another valid token', token: `${h}.${p}.${other.split('.')[2]}`, reason: 'bad_signature' },
    { name: 'payload swapped under a valid signature', token: `${h}.${other.split('.')[1]}.${s}`, reason: 'bad_signature' },
    { name: 'a validly signed token just over the 8 KiB cap', token: overCap(signed, claims), reason: 'malformed' },
    { name: 'a megabyte of base64url', token: `${'A'.repeat(1 << 20)}.${p}.${s}`, reason: 'malformed' },
    { name: 'an unknown crit header', token: withHeader({ alg: 'HS256', crit: ['x-must-understand'], 'x-must-understand': true }), reason: 'malformed' },
    { name: 'crit naming b64 (an unencoded payload)', token: withHeader({ alg: 'HS256', crit: ['b64'], b64: false }), reason: 'malformed' },
    { name: 'an empty crit list', token: withHeader({ alg: 'HS256', crit: [] }), reason: 'malformed' },
    { name: 'an unknown kid', token: withHeader({ alg: 'HS256', kid: 'not-a-key-we-have' }), reason: 'bad_signature' },
    { name: 'kid that tries path traversal', token: withHeader({ alg: 'HS256', kid: '../../../../dev/null' }), reason: 'bad_signature' },
  ];
  const attacker = 'attacker-secret-0123456789abcdefghijklmnopqrstuvwxyz';
  const forgery: Omit<HostileToken, 'family'>[] = [
    { name: 'signed with another secret', token: signRaw(hs256, body, attacker), reason: 'bad_signature' },
    { name: "signed with the tutorial's published secret", token: signRaw(hs256, body, TUTORIAL_SECRET), reason: 'bad_signature' },
    { name: 'signed with an empty key', token: signRaw(hs256, body, ''), reason: 'bad_signature' },
    { name: 'jku pointing at the attacker, signed with their key', token: signRaw(jsonSegment({ alg: 'HS256', jku: 'https://attacker.example/jwks.json' }), body, attacker), reason: 'bad_signature' },
    { name: 'x5u pointing at the attacker, signed with their key', token: signRaw(jsonSegment({ alg: 'HS256', x5u: 'https://attacker.example/cert.pem' }), body, attacker), reason: 'bad_signature' },
    { name: 'an embedded jwk holding their key', token: signRaw(jsonSegment({ alg: 'HS256', jwk: { kty: 'oct', k: b64(attacker) } }), body, attacker), reason: 'bad_signature' },
    { name: 'a valid token with its user changed to admin', token: `${h}.${jsonSegment({ ...claims, user: 'admin' })}.${s}`, reason: 'bad_signature' },
    { name: "a valid token's exp extended by a year", token: `${h}.${jsonSegment({ ...claims, exp: now + 31_536_000 })}.${s}`, reason: 'bad_signature' },
  ];
  // Tokens of a session where a bearer is expected: a refresh token is never one, and an access
  // token must name its session and itself, and live no longer than ACCESS_TTL_SECONDS.
  const es256 = (header: object, claimsOf: object, key: PrivateJwk | JsonWebKey = signingKey) =>
    signEs256(jsonSegment({ alg: 'ES256', typ: 'at+jwt', ...header }), jsonSegment(claimsOf), key);
  const access = (claimsOf: object, header: object = {}) => es256(header, claimsOf);
  const session = { ...SESSION_CLAIMS, iat: now, exp: now + 60 };
  const [ah, , as] = access(session).split('.') as [string, string, string];
  // An attacker's own P-256 key, which any header may name or point at.
  const attackerEc = ec.export({ format: 'jwk' });
  const attackerPublic = { kty: 'EC', crv: 'P-256', x: attackerEc.x, y: attackerEc.y };
  // Our key's kid, its RFC 7638 thumbprint: a header may name it and still carry another key.
  const { crv, kty, x, y } = publicHalf(signingKey);
  const ourKid = createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
  const hs256Access = (key: string) => signRaw(jsonSegment({ alg: 'HS256', typ: 'at+jwt' }), jsonSegment(session), key);
  algorithms.push(
    { name: "an access token HS256-signed with the signing key's public PEM as the secret (algorithm confusion)", token: hs256Access(publicPem(signingKey)), reason: 'unsupported_algorithm' },
    { name: "an access token HS256-signed with the signing key's public JWK as the secret", token: hs256Access(JSON.stringify(publicHalf(signingKey))), reason: 'unsupported_algorithm' },
    { name: 'an access token HS256-signed with JWT_SECRET', token: hs256Access(secret), reason: 'unsupported_algorithm' },
    { name: "a tutorial token HS256-signed with the signing key's public PEM as the secret", token: signRaw(hs256, body, publicPem(signingKey)), reason: 'bad_signature' },
    { name: 'an access token with alg none', token: `${jsonSegment({ alg: 'none', typ: 'at+jwt' })}.${jsonSegment(session)}.`, reason: 'unsupported_algorithm' },
    { name: 'an access token with alg ES384', token: `${jsonSegment({ alg: 'ES384', typ: 'at+jwt' })}.${jsonSegment(session)}.${as}`, reason: 'unsupported_algorithm' },
  );
  forgery.push(
    { name: 'an access token signed with another EC key', token: es256({}, session, attackerEc), reason: 'bad_signature' },
    { name: 'an access token signed with another EC key under a kid of its own', token: es256({ kid: 'attacker-key' }, session, attackerEc), reason: 'bad_signature' },
    { name: 'an access token whose jku points at the attacker, signed with their key', token: es256({ jku: 'https://attacker.example/jwks.json' }, session, attackerEc), reason: 'bad_signature' },
    { name: 'an access token whose x5u points at the attacker, signed with their key', token: es256({ x5u: 'https://attacker.example/cert.pem' }, session, attackerEc), reason: 'bad_signature' },
    { name: 'an access token embedding the jwk that signed it', token: es256({ jwk: attackerPublic }, session, attackerEc), reason: 'bad_signature' },
    { name: "an access token embedding the jwk that signed it, under our key's kid", token: es256({ kid: ourKid, jwk: attackerPublic }, session, attackerEc), reason: 'bad_signature' },
    { name: "an access token whose jku points at the attacker, under our key's kid", token: es256({ kid: ourKid, jku: 'https://attacker.example/jwks.json' }, session, attackerEc), reason: 'bad_signature' },
    // Signed by our own key: only the kid is wrong, so only the kid check can refuse it.
    { name: 'an access token of our own key under a kid we do not have', token: es256({ kid: 'not-a-key-we-have' }, session), reason: 'bad_signature' },
  );
  claimsCases.push(
    { name: 'a refresh token sent as a bearer', token: signRaw(jsonSegment({ alg: 'HS256', typ: 'rt+jwt' }), jsonSegment(session), secret), reason: 'invalid_claims' },
    { name: "the pages' session cookie sent as a bearer", token: signRaw(jsonSegment({ alg: 'HS256', typ: 'ps+jwt' }), jsonSegment(session), secret), reason: 'invalid_claims' },
    { name: 'an ES256 token of our key typed as a refresh token', token: es256({ typ: 'rt+jwt' }, session), reason: 'unsupported_algorithm' },
    { name: 'an access token without sid', token: access({ ...session, sid: undefined }), reason: 'invalid_claims' },
    { name: 'an access token with an empty jti', token: access({ ...session, jti: '' }), reason: 'invalid_claims' },
    { name: 'an access token without sub', token: access({ ...session, sub: undefined }), reason: 'invalid_claims' },
    { name: 'an access token whose sub is a number', token: access({ ...session, sub: 42 }), reason: 'invalid_claims' },
    { name: 'an access token without roles', token: access({ ...session, roles: undefined }), reason: 'invalid_claims' },
    { name: 'an access token whose roles is a string', token: access({ ...session, roles: 'admin' }), reason: 'invalid_claims' },
    { name: 'an access token with no roles', token: access({ ...session, roles: [] }), reason: 'invalid_claims' },
    { name: 'an access token with a role this server has not', token: access({ ...session, roles: ['root'] }), reason: 'invalid_claims' },
    { name: 'an access token naming a role twice', token: access({ ...session, roles: ['user', 'user'] }), reason: 'invalid_claims' },
    { name: 'an access token with its roles changed to admin after signing', token: `${ah}.${jsonSegment({ ...session, roles: ['admin', 'user'] })}.${as}`, reason: 'bad_signature' },
    { name: 'an access token without iss', token: access({ ...session, iss: undefined }), reason: 'invalid_claims' },
    { name: 'an access token of another issuer, signed with our secret', token: access({ ...session, iss: 'https://other.example' }), reason: 'invalid_claims' },
    { name: 'an access token without aud', token: access({ ...session, aud: undefined }), reason: 'invalid_claims' },
    { name: 'an access token for another audience, signed with our secret', token: access({ ...session, aud: 'https://other.example/api' }), reason: 'invalid_claims' },
    {
      name: `an access token living longer than the default ${DEFAULT_ACCESS_TTL_SECONDS} s allow`,
      token: access({ ...session, exp: now + DEFAULT_ACCESS_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS + 1 }),
      reason: 'invalid_claims',
    },
    { name: "an access token for another service's audience only", token: access({ ...session, aud: 'another-service' }), reason: 'invalid_claims' },
  );
  cases.push(algorithms, claimsCases, structure, forgery);
  const families = ['algorithms', 'claims', 'structure', 'forgery'] as const;
  return cases.flatMap((list, i) => list.map((c) => ({ family: families[i]!, ...c })));
}

export interface HostileHeader {
  name: string;
  /** The Authorization header, or null for none. */
  authorization: string | null;
}

/** Authorization headers /login must answer with 401 "Could not verify!" when the demo password is "password". */
export function hostileBasicHeaders(): HostileHeader[] {
  return [
    { name: 'no Authorization header', authorization: null },
    { name: 'Basic with nothing after it', authorization: 'Basic' },
    { name: 'Basic and a space', authorization: 'Basic ' },
    { name: 'not base64', authorization: 'Basic !!!not-base64!!!' },
    { name: 'base64url instead of base64', authorization: `Basic ${Buffer.from('alice:password?>?>').toString('base64url')}` },
    { name: 'base64 with a space inside', authorization: `Basic ${basicHeader('alice:password').slice(6, 10)} ${basicHeader('alice:password').slice(10)}` },
    { name: 'no colon', authorization: basicHeader('alicepassword') },
    { name: 'an empty user', authorization: basicHeader(':password') },
    { name: 'an empty password', authorization: basicHeader('alice:') },
    { name: 'only a colon', authorization: basicHeader(':') },
    { name: 'a colon inside the password, which is then wrong', authorization: basicHeader('alice:pass:word') },
    { name: 'the right password after a colon in the user name (split at the first colon)', authorization: basicHeader('alice:x:password') },
    { name: 'a wrong password', authorization: basicHeader('alice:Password') },
    { name: 'the password with a trailing space', authorization: basicHeader('alice:password ') },
    { name: 'a NUL in the user', authorization: basicHeader('ali\u0000ce:password') },
    { name: 'a NUL after the password', authorization: basicHeader('alice:password\u0000') },
    { name: 'a newline in the user', authorization: basicHeader('alice\n:password') },
    { name: 'a carriage return and newline in the password', authorization: basicHeader('alice:password\r\n') },
    { name: 'a tab in the user', authorization: basicHeader('al\tice:password') },
    { name: 'DEL in the user', authorization: basicHeader('alice\u007f:password') },
    { name: 'a C1 control (NEL) in the user', authorization: basicHeader('alice\u0085:password') },
    { name: 'invalid UTF-8 in the user', authorization: basicHeader(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(':password')])) },
    { name: 'Latin-1 bytes in the user', authorization: basicHeader(Buffer.from('b\u00e9a:password', 'latin1')) },
    { name: 'an overlong UTF-8 encoding of the colon', authorization: basicHeader(Buffer.concat([Buffer.from('alice'), Buffer.from([0xc0, 0xba]), Buffer.from('password')])) },
    { name: 'a 2 KB header', authorization: basicHeader(`alice:password${'x'.repeat(2000)}`) },
    { name: 'a 10 KB user name with the right password', authorization: basicHeader(`${'a'.repeat(10_000)}:password`) },
    { name: 'the Bearer scheme', authorization: 'Bearer alice:password' },
    { name: 'the Digest scheme', authorization: 'Digest username="alice", response="password"' },
    { name: 'a made-up scheme holding valid Basic credentials', authorization: basicHeader('alice:password').replace('Basic', 'Basics') },
    { name: 'two Basic credentials in one header', authorization: `${basicHeader('alice:password')}, ${basicHeader('bob:password')}` },
  ];
}

/** How a /protected request carries its token, and the 4xx it must get. `token` is replaced by a valid token. */
export interface TransportCase {
  name: string;
  query: string;
  authorization?: string;
  status: 400 | 401;
  message: string;
}

export function hostileTransports(): TransportCase[] {
  const missing = 'Token is missing!';
  const both = 'Send the token in the query or the Authorization header, not both.';
  const repeated = 'Send the token once, not in repeated token parameters.';
  const empty = 'The Bearer scheme needs a token after it.';
  const notOne = 'The Bearer scheme takes exactly one token, in base64url.';
  return [
    { name: 'a valid token in both the query and the header', query: '?token=TOKEN', authorization: 'Bearer TOKEN', status: 400, message: both },
    { name: 'a valid token in the header and a different one in the query', query: '?token=abc.def.ghi', authorization: 'Bearer TOKEN', status: 400, message: both },
    { name: 'an empty ?token=', query: '?token=', status: 401, message: missing },
    { name: 'a repeated ?token=', query: '?token=TOKEN&token=TOKEN', status: 400, message: repeated },
    { name: 'a repeated ?token= with the first empty', query: '?token=&token=TOKEN', status: 400, message: repeated },
    { name: 'Bearer with nothing after it', query: '', authorization: 'Bearer', status: 400, message: empty },
    { name: 'Bearer and spaces only', query: '', authorization: 'Bearer   ', status: 400, message: empty },
    { name: 'Bearer with nothing after it, and a valid ?token=', query: '?token=TOKEN', authorization: 'Bearer', status: 400, message: empty },
    { name: 'Basic credentials sent to /protected', query: '', authorization: basicHeader('alice:password'), status: 401, message: missing },
    { name: 'the token under the Basic scheme', query: '', authorization: 'Basic TOKEN', status: 401, message: missing },
    { name: 'the token under a made-up scheme', query: '', authorization: 'Token TOKEN', status: 401, message: missing },
    { name: 'the token with no scheme', query: '', authorization: 'TOKEN', status: 401, message: missing },
    { name: 'two tokens after Bearer', query: '', authorization: 'Bearer TOKEN TOKEN', status: 400, message: notOne },
    { name: 'the token and a word after Bearer', query: '', authorization: 'Bearer TOKEN x', status: 400, message: notOne },
    { name: 'the token and a word after Bearer, and a valid ?token=', query: '?token=TOKEN', authorization: 'Bearer TOKEN x', status: 400, message: notOne },
    { name: 'Bearer with a character outside b64token', query: '', authorization: 'Bearer TOKEN!', status: 400, message: notOne },
    { name: 'Bearer with a comma-separated second scheme', query: '', authorization: 'Bearer TOKEN, Basic eA==', status: 400, message: notOne },
    { name: 'Bearer glued to a longer scheme name', query: '', authorization: 'XBearer TOKEN', status: 401, message: missing },
    { name: 'Bearer after another scheme in one header', query: '', authorization: 'Basic eA==, Bearer TOKEN', status: 401, message: missing },
    { name: 'Bearer with no space before the token', query: '', authorization: 'BearerTOKEN', status: 401, message: missing },
    { name: 'the token in a ?jwt= parameter', query: '?jwt=TOKEN', status: 401, message: missing },
    { name: 'the token in a ?Token= parameter (names are case-sensitive)', query: '?Token=TOKEN', status: 401, message: missing },
  ];
}

/** Refresh cookies /auth/refresh must refuse with 401, built around a real session's `sid`. */
export function hostileRefreshCookies(secret: string, now: number, sid: string): { name: string; token: string }[] {
  const refresh = (claims: object, key = secret, typ = 'rt+jwt') => signRaw(jsonSegment({ alg: 'HS256', typ }), jsonSegment(claims), key);
  const claims = { ...SESSION_CLAIMS, sid, jti: 'not-the-live-one', iat: now, exp: now + 600 };
  const live = refresh(claims);
  const [h, , s] = live.split('.') as [string, string, string];
  return [
    { name: 'an access token as the refresh token', token: refresh(claims, secret, 'at+jwt') },
    { name: "the tutorial's token as the refresh token", token: refresh(claims, secret, 'JWT') },
    { name: 'a refresh token signed with another secret', token: refresh(claims, 'attacker-secret-0123456789abcdefghijklmnopqrstuvwxyz') },
    { name: 'a refresh token with its sid changed after signing', token: `${h}.${jsonSegment({ ...claims, sid: 'another' })}.${s}` },
    { name: 'a validly signed refresh token for a session that does not exist', token: refresh({ ...claims, sid: 'no-such-session' }) },
    { name: 'a validly signed refresh token of this session that was never issued', token: live },
    { name: 'an expired refresh token', token: refresh({ ...claims, iat: now - 700, exp: now - 100 }) },
    { name: 'a refresh token of another issuer, signed with our secret', token: refresh({ ...claims, iss: 'https://other.example' }) },
    { name: 'a refresh token with its roles changed to admin after signing', token: `${h}.${jsonSegment({ ...claims, roles: ['admin'] })}.${s}` },
    { name: 'alg none', token: `${jsonSegment({ alg: 'none', typ: 'rt+jwt' })}.${jsonSegment(claims)}.` },
    { name: "the tutorial's garbage token", token: TUTORIAL_SECRET },
  ];
}
