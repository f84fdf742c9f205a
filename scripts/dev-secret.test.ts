import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadEnvConfig } from '@next/env';
import { loadAuthConfig } from '@/lib/auth/config';
import { signingKeyEnv } from '@/test/signing-keys';

const script = path.resolve(__dirname, 'dev-secret.mjs');

/** Runs the predev script in a fresh folder, as `npm run dev` would in a new checkout. */
function run(dir: string, env: Record<string, string> = {}) {
  const clean = { ...process.env, ...env };
  for (const name of ['JWT_SECRET', 'JWT_SIGNING_KEY']) if (!(name in env)) delete clean[name];
  return execFileSync(process.execPath, [script], { cwd: dir, env: clean, encoding: 'utf8' });
}
const secretIn = (dir: string) => /^JWT_SECRET=(.+)$/m.exec(readFileSync(path.join(dir, '.env.development.local'), 'utf8'))?.[1];

describe('npm run dev makes a development secret', () => {
  it('once per checkout: random, at least 32 bytes, accepted by the config, and kept on the next run', () => {
    const first = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    expect(run(first)).toContain('Made a development JWT_SECRET');
    const secret = secretIn(first)!;
    expect(loadAuthConfig({ NODE_ENV: 'development', JWT_SECRET: secret }).secret).toBe(secret);
    expect(run(first)).toBe('');
    expect(secretIn(first)).toBe(secret);

    const second = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    run(second);
    expect(secretIn(second)).not.toBe(secret);
  });

  it('fills in an empty JWT_SECRET line and keeps the rest of .env.development.local', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    writeFileSync(path.join(dir, '.env.development.local'), 'DEMO_PASSWORD=pw\nJWT_SECRET=\n');
    run(dir);
    expect(readFileSync(path.join(dir, '.env.development.local'), 'utf8')).toMatch(/^DEMO_PASSWORD=pw\nJWT_SECRET=\S{44}\nJWT_SIGNING_KEY='\{.+\}'\n$/);
  });

  it('leaves a secret you set alone, in the shell or in any env file', () => {
    const shell = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    expect(run(shell, { JWT_SECRET: 'mine-0123456789abcdefghijklmnopqrstuv', JWT_SIGNING_KEY: signingKeyEnv() })).toBe('');
    const file = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    writeFileSync(path.join(file, '.env'), `JWT_SECRET=mine-0123456789abcdefghijklmnopqrstuv\nJWT_SIGNING_KEY='${signingKeyEnv()}'\n`);
    expect(run(file)).toBe('');
    expect(() => readFileSync(path.join(file, '.env.development.local'))).toThrow();
  });

  it('makes an ES256 signing key too, as next dev reads the file, and leaves a secret already set alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secret-'));
    expect(run(dir, { JWT_SECRET: 'mine-0123456789abcdefghijklmnopqrstuv' })).toContain('Made a development JWT_SIGNING_KEY');
    // @next/env sets what it reads in process.env; this test puts it back as it was.
    const before = { ...process.env };
    vi.stubEnv('NODE_ENV', 'development'); // under test, @next/env would read .env.test* instead
    const { parsedEnv } = loadEnvConfig(dir, true, { info: () => {}, error: () => {} }, true);
    process.env = before;
    vi.unstubAllEnvs();
    expect(parsedEnv?.JWT_SECRET).toBeUndefined();
    const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'mine-0123456789abcdefghijklmnopqrstuv', JWT_SIGNING_KEY: parsedEnv?.JWT_SIGNING_KEY });
    expect(config.signingKey).toMatchObject({ jwk: { kty: 'EC', crv: 'P-256' } });
  });

  it('writes it where git never looks', () => {
    expect(readFileSync(path.resolve(__dirname, '../.gitignore'), 'utf8')).toMatch(/^\.env\*\.local$/m);
  });
});
