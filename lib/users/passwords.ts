import 'server-only';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

// argon2id at OWASP's minimum (Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1), through a
// kept library with prebuilt binaries. Chosen over scrypt (N = 2^17, r = 8) by measurement on this
// project's machine: 13–36 ms a hash against 0.8–1 s, and 76 MiB over idle for 20 at once against
// 512 MiB (docs/PERFORMANCE.md). Stored hashes are PHC strings, which name their own parameters.
const ARGON2ID: Algorithm = 2;
export const HASH_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_PARAMETERS);
}

/** True when `phc` is an argon2id hash with this server's parameters or stronger. */
export function isCurrentHash(phc: string): boolean {
  try {
    const used = parseOptions(phc);
    return (
      used.algorithm === ARGON2ID &&
      used.memoryCost >= HASH_PARAMETERS.memoryCost &&
      used.timeCost >= HASH_PARAMETERS.timeCost &&
      used.parallelism >= HASH_PARAMETERS.parallelism
    );
  } catch {
    return false;
  }
}

/** True when the text is an argon2 PHC string this server can verify against (a seed may give one). */
export function isPasswordHash(text: string): boolean {
  try {
    parseOptions(text);
    return text.startsWith('$argon2');
  } catch {
    return false;
  }
}

export type PasswordCheck = { ok: false } | { ok: true; rehash: string | null };

/**
 * Checks a password against a stored hash; a good one under weaker parameters than today's also
 * gets its new hash, for the caller to store (so parameters can be raised later). Against `null`
 * (no such user) it verifies against a dummy hash, so that an unknown name costs what a known one does.
 */
export async function checkPassword(stored: string | null, password: string): Promise<PasswordCheck> {
  const target = stored ?? (await dummyHash());
  const matches = password !== '' && (await verify(target, password));
  if (!matches || stored === null) return { ok: false };
  return { ok: true, rehash: isCurrentHash(stored) ? null : await hashPassword(password) };
}

let dummy: Promise<string> | undefined;

// Made once per process from a random password nobody knows, with today's parameters.
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID()).catch((error: unknown) => {
    dummy = undefined;
    throw error;
  });
  return dummy;
}
