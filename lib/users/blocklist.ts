import 'server-only';
import { nameKey } from './names';

// NIST SP 800-63B-4 §3.1.1.2: a new password is compared against a blocklist of values known to be
// commonly used, expected or compromised, and refused if it is on it. The list is the
// `passwords-common` dictionary of @zxcvbn-ts/language-common 4.1.3 (MIT licence, © 2012-2016 Dan
// Wheeler and Dropbox, Inc., © 2021 @zxcvbn-ts; https://github.com/zxcvbn-ts/zxcvbn): 49,233 of the
// passwords most often found in breach corpora. With 15 characters the least, few of them are long
// enough to be typed at all; this app's own words catch the rest of the obvious guesses.

/** This app's names, which a guesser tries first. An app that copies the kit lists its own. */
export const APP_NAMES = ['nextjs-jwt-auth', 'nextjs jwt auth', 'jwt api authentication in next.js'];

let common: Promise<Set<string>> | undefined;

// Built once per process, on the first new password checked: loading and decompressing the list
// costs 60 ms or more and keeps 3.8 MiB of heap (docs/PERFORMANCE.md), which no other request should pay.
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map(fold)),
    (error: unknown) => {
      common = undefined;
      throw error;
    },
  );
  return common;
}

const fold = (text: string) => text.toLowerCase();

/**
 * True when a new password is too easy to guess, compared in any case: on the list of common
 * passwords, the user's own name, one of the app's names, or one short part repeated
 * (`passwordpassword`, the name twice, one character over and over).
 */
export async function isBlockedPassword(password: string, userName: string): Promise<boolean> {
  const folded = fold(password);
  if (folded === nameKey(userName) || APP_NAMES.includes(folded) || isRepeated(folded)) return true;
  return (await commonPasswords()).has(folded);
}

// True when the text is one part said twice or more: `abcabc`, `aaaa`.
function isRepeated(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}
