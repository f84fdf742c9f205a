import 'server-only';
import type { AuthConfig } from './config';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Longest Authorization header read for Basic credentials; longer ones are refused unread. */
export const MAX_BASIC_HEADER_LENGTH = 1024;

const BASIC = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;
// C0 controls, DEL and C1 controls: never part of a name or password we accept.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Parses `Authorization: Basic`, splitting at the first colon (RFC 7617); null when absent or malformed. */
export function parseBasicAuth(header: string | null): BasicCredentials | null {
  if (header === null || header.length > MAX_BASIC_HEADER_LENGTH) return null;
  const encoded = BASIC.exec(header)?.[1];
  if (encoded === undefined) return null;

  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null; // not base64, or not UTF-8
  }

  const colon = decoded.indexOf(':');
  if (colon < 1 || CONTROL.test(decoded)) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** True when the credentials are the tutorial's: any username, with the demo password. */
export async function checkCredentials(config: AuthConfig, { password }: BasicCredentials): Promise<boolean> {
  const matches = await timingSafeEqual(password, config.demoPassword);
  return matches && password !== '';
}

const encoder = new TextEncoder();
let comparisonKey: Promise<CryptoKey> | undefined;

// Made once per process and never exported: both strings are hashed under it, so the comparison
// below always sees two 32-byte digests, and an attacker cannot compute either one.
function getComparisonKey(): Promise<CryptoKey> {
  if (!comparisonKey) {
    const key = crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
    // A failure is not kept: the next comparison tries again.
    key.catch(() => (comparisonKey = undefined));
    comparisonKey = key;
  }
  return comparisonKey;
}

/** Compares two strings in constant time: the time reveals neither where they differ nor their lengths. */
export async function timingSafeEqual(a: string, b: string): Promise<boolean> {
  const key = await getComparisonKey();
  const digest = async (text: string) => new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  x.forEach((byte, i) => (diff |= byte ^ y[i]!));
  return diff === 0;
}
