import 'server-only';
import type { SeedUser } from './config';
import type { UserDirectory } from './directory';
import { hashPassword } from './passwords';

/**
 * Adds each seed user the directory lacks, by name. An existing user is left as it is, so that a
 * role or password changed since (through the API) survives a restart; a user removed through the
 * API comes back at the next start while SEED_USERS still names them.
 */
export async function seedDirectory(directory: UserDirectory, seeds: SeedUser[]): Promise<void> {
  for (const seed of seeds) {
    if (await directory.byName(seed.name)) continue;
    const passwordHash = 'hash' in seed.secret ? seed.secret.hash : await hashPassword(seed.secret.password);
    await directory.create({ id: crypto.randomUUID(), name: seed.name, passwordHash, role: seed.role, createdAt: Date.now() });
  }
}
