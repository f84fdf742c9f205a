// Client-safe: decodes tokens for display. The server's verdict comes from calling /protected; the
// one signature check here is for learning, against a secret the reader types in.

export interface DecodedToken {
  /** The three dot-separated segments as sent: header, payload, signature. */
  segments: [string, string, string];
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

// Not jose's decodeJwt and decodeProtectedHeader: the page would grow by 0.8 kB gzipped for the
// same result, which jwt-display.test.ts checks against jose's.
/** Decodes a compact JWT's header and payload without verifying it; null when it is not one. */
export function decodeUnverified(token: string): DecodedToken | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = decodeJsonSegment(header);
  const decodedPayload = decodeJsonSegment(payload);
  if (!decodedHeader || !decodedPayload) return null;
  return { segments: [header, payload, signature], header: decodedHeader, payload: decodedPayload };
}

/** A claim of a decoded token when it is a string (`user`, `jti`); undefined otherwise. */
export function stringClaim(decoded: DecodedToken | null | undefined, claim: string): string | undefined {
  const value = decoded?.payload[claim];
  return typeof value === 'string' ? value : undefined;
}

/** The token's `exp` in seconds since the epoch, or null when it has none it can show. */
export function expiresAt(decoded: DecodedToken): number | null {
  const { exp } = decoded.payload;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
}

/** The lifetime the token was issued with, `exp − iat` in seconds, or null when it lacks either. */
export function lifetimeOf(decoded: DecodedToken): number | null {
  const exp = expiresAt(decoded);
  const { iat } = decoded.payload;
  return exp !== null && typeof iat === 'number' && Number.isFinite(iat) ? exp - iat : null;
}

/**
 * True when `secret` made the token's HS256 signature, checked in the browser with WebCrypto, as
 * jwt.io does. For learning on your own server: a real client never holds the secret.
 */
export async function signatureMatches(token: string, secret: string): Promise<boolean> {
  const decoded = decodeUnverified(token);
  const signature = decoded && base64UrlBytes(decoded.segments[2]);
  if (!decoded || !signature || decoded.header.alg !== 'HS256') return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(`${decoded.segments[0]}.${decoded.segments[1]}`));
}

/**
 * The same token claiming to be another user, `admin` (or `root`, when it already is `admin`), with
 * the original signature kept: the payload always changes, so the signature no longer fits it.
 */
export function tamperedToken(token: string): string {
  const decoded = decodeUnverified(token);
  if (!decoded) return token;
  const [header, , signature] = decoded.segments;
  const user = decoded.payload.user === 'admin' ? 'root' : 'admin';
  return `${header}.${encodeJsonSegment({ ...decoded.payload, user })}.${signature}`;
}

/**
 * The same token with one character of its payload changed, to the next in the base64url alphabet,
 * its header and signature kept: the smallest forgery, and the signature no longer fits it. The
 * character is in the middle of the payload, where every character carries six bits of it.
 */
export function oneCharacterChanged(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || payload.length < 2) return token;
  const at = Math.floor(payload.length / 2);
  const changed = BASE64URL[(BASE64URL.indexOf(payload[at]!) + 1) % BASE64URL.length]!;
  return `${header}.${payload.slice(0, at)}${changed}${payload.slice(at + 1)}.${signature}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same payload under an `alg: none` header with an empty signature: an unsigned token. */
export function unsignedToken(token: string): string {
  const decoded = decodeUnverified(token);
  if (!decoded) return token;
  return `${encodeJsonSegment({ alg: 'none', typ: 'JWT' })}.${decoded.segments[1]}.`;
}

/**
 * A token cut to its first and last characters, for showing in a URL or header line. Given `from`,
 * the token it was forged from, it also shows where the two first differ, when that is between its
 * ends: a changed payload under the old header and signature looks the same as the original.
 */
export function shortenToken(token: string, from?: string): string {
  if (token.length <= 24) return token;
  const [start, end] = [token.slice(0, 12), token.slice(-8)];
  let at = 0;
  while (from !== undefined && at < token.length && token[at] === from[at]) at++;
  if (from === undefined || at < start.length || at >= token.length - end.length) return `${start}…${end}`;
  return `${start}…${token.slice(at, Math.min(at + 12, token.length - end.length))}…${end}`;
}

/** Encodes UTF-8 text as unpadded base64url. */
export function base64UrlEncode(text: string): string {
  return base64Encode(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Encodes UTF-8 text as standard base64, as HTTP Basic credentials need. */
export function base64Encode(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// null when the segment is not base64url (atob also refuses a length that no encoding produces).
function base64UrlBytes(segment: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[\w-]+$/.test(segment)) return null;
  try {
    return Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function decodeJsonSegment(segment: string): Record<string, unknown> | null {
  const bytes = base64UrlBytes(segment);
  if (!bytes) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function encodeJsonSegment(value: object): string {
  return base64UrlEncode(JSON.stringify(value));
}
