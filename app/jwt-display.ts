// Client-safe: decodes tokens for display only. Nothing here verifies a signature; the server's
// verdict comes from calling /protected.

export interface DecodedToken {
  /** The three dot-separated segments as sent: header, payload, signature. */
  segments: [string, string, string];
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

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

/** The token's `exp` in seconds since the epoch, or null when it has none it can show. */
export function expiresAt(decoded: DecodedToken): number | null {
  const { exp } = decoded.payload;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
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

/** The same payload under an `alg: none` header with an empty signature: an unsigned token. */
export function unsignedToken(token: string): string {
  const decoded = decodeUnverified(token);
  if (!decoded) return token;
  return `${encodeJsonSegment({ alg: 'none', typ: 'JWT' })}.${decoded.segments[1]}.`;
}

/** A token cut to its first and last characters, for showing in a URL or header line. */
export function shortenToken(token: string): string {
  return token.length <= 24 ? token : `${token.slice(0, 12)}…${token.slice(-8)}`;
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

function decodeJsonSegment(segment: string): Record<string, unknown> | null {
  if (!/^[\w-]+$/.test(segment)) return null;
  try {
    const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function encodeJsonSegment(value: object): string {
  return base64UrlEncode(JSON.stringify(value));
}
