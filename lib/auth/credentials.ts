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

/** True when the credentials are accepted: a listed user's own password, or any user with the demo password. */
export function checkCredentials(config: AuthConfig, { username, password }: BasicCredentials): boolean {
  const expected = config.users ? config.users.get(username) : config.demoPassword;
  // Compare even for an unknown user, so timing does not reveal which names exist.
  const matches = timingSafeEqual(password, expected ?? config.demoPassword);
  return matches && expected !== undefined && password !== '';
}

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
