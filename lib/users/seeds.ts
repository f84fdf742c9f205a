import 'server-only';
import type { SeedUser } from './config';
import type { UserDirectory } from './directory';
import { hashPassword } from './passwords';

/**
 * Applies each seed once in the directory's life (see UserDirectory.seed): what an admin did since
 * through the API, a removal, a change of role or of password, survives every restart and
 * reconnection. A directory that lost everything (a Redis restarted empty) is seeded again.
 */
export async function seedDirectory(directory: UserDirectory, seeds: SeedUser[]): Promise<void> {
  for (const seed of seeds) {
    // Checked first only to spare a hash: seed() itself refuses a name applied before.
    if (await directory.wasSeeded(seed.name)) continue;
    const passwordHash = 'hash' in seed.secret ? seed.secret.hash : await hashPassword(seed.secret.password);
    await directory.seed({ id: crypto.randomUUID(), name: seed.name, passwordHash, role: seed.role, createdAt: Date.now() });
  }
}
