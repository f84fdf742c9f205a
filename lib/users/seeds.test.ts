import { describe, expect, it } from 'vitest';
import { AuthConfigError } from '../auth/config';
import { DEVELOPMENT_SEEDS } from './config';
import { MemoryDirectory } from './memory-directory';
import { checkPassword } from './passwords';
import { seedDirectory } from './seeds';

describe('seeding the directory', () => {
  it('refuses a plain seed password on the blocklist, naming the user and never the password', async () => {
    const directory = new MemoryDirectory();
    const seeding = seedDirectory(directory, [{ name: 'alice', role: 'admin', secret: { password: 'passwordpassword' } }]);
    await expect(seeding).rejects.toThrow(AuthConfigError);
    await expect(seeding).rejects.toThrow(/alice/);
    await expect(seeding).rejects.not.toThrow(/passwordpassword/);
    expect(await directory.byName('alice')).toBeNull();
  });

  it('takes a plain seed password off the blocklist, and a ready hash as it is', async () => {
    const directory = new MemoryDirectory();
    await seedDirectory(directory, [{ name: 'alice', role: 'admin', secret: { password: 'correct horse battery staple' } }, ...DEVELOPMENT_SEEDS.slice(1)]);
    expect(await checkPassword((await directory.byName('alice'))!.passwordHash, 'correct horse battery staple')).toMatchObject({ ok: true });
    expect(await checkPassword((await directory.byName('bob'))!.passwordHash, 'password')).toMatchObject({ ok: true });
  });

  it('gives development alice and bob, password `password`, whatever the blocklist says', async () => {
    const directory = new MemoryDirectory();
    await seedDirectory(directory, DEVELOPMENT_SEEDS);
    for (const name of ['alice', 'bob']) expect(await checkPassword((await directory.byName(name))!.passwordHash, 'password')).toMatchObject({ ok: true });
  });
});
