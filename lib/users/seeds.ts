import 'server-only';
import { AuthConfigError } from '../auth/config';
import { isBlockedPassword } from './blocklist';
import type { SeedUser } from './config';
import type { UserDirectory } from './directory';
import { hashPassword } from './passwords';

/**
 * Applies each seed once in the directory's life (see UserDirectory.seed): what an admin did since
 * through the API, a removal, a change of role or of password, survives every restart and
 * reconnection. A directory that lost everything (a Redis restarted empty) is seeded again. A
 * plain password is a new one, and one on the blocklist stops the seeding with AuthConfigError
 * (every route then says so); a ready hash is taken as it is.
 */
export async function seedDirectory(directory: UserDirectory, seeds: SeedUser[]): Promise<void> {
  for (const seed of seeds) {
    // Checked first only to spare a hash: seed() itself refuses a name applied before.
    if (await directory.wasSeeded(seed.name)) continue;
    const passwordHash = 'hash' in seed.secret ? seed.secret.hash : await hashPassword(await allowedSeedPassword(seed.name, seed.secret.password));
    await directory.seed({ id: crypto.randomUUID(), name: seed.name, passwordHash, role: seed.role, createdAt: Date.now() });
  }
}

async function allowedSeedPassword(name: string, password: string): Promise<string> {
  if (await isBlockedPassword(password, name)) {
    throw new AuthConfigError(`SEED_USERS gives ${name} a password that is too easy to guess (a common password, the name, the app's name, or one part repeated): choose another, or give an argon2id hash.`);
  }
  return password;
}
