import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '@/lib/auth/config';
import { loadSessionConfig } from '@/lib/session/config';
import { loadTrustProxy } from '@/lib/http/forwarded';
import { loadStoreChoice } from '@/lib/store/config';
import { loadUsersConfig } from '@/lib/users/config';
import { signingKeyEnv } from '@/test/signing-keys';

// Every variable the app reads is in .env.example, with what it does, and in the table of
// docs/CONFIGURATION.md; and .env.example, copied as is, changes nothing.

const root = path.resolve(__dirname, '..');
// Set by Next itself or by the platform, not by whoever runs the app.
const FRAMEWORK = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'VERCEL']);
// Read only by the header Stryker's instrumenter writes into each file it mutates
// (stryker.config.mjs), so found in the mutation run's sandbox and never in the app's sources.
// Ignoring this one name keeps the test, and the config mutants it kills, in that run.
const MUTATION_RUN = '__STRYKER_ACTIVE_MUTANT__';

function sources(entry: string): string[] {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(full, file));
}

const read = new Set(
  ['lib', 'app', 'middleware.ts', 'instrumentation.ts']
    .flatMap(sources)
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/process\.env(?:\.(\w+)|\[['"](\w+)['"]\])/g)])
    .map((m) => (m[1] ?? m[2])!)
    .filter((name) => !FRAMEWORK.has(name) && name !== MUTATION_RUN),
);

const example = readFileSync(path.join(root, '.env.example'), 'utf8');
const assignments = new Map([...example.matchAll(/^(\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const));

const configuration = readFileSync(path.join(root, 'docs/CONFIGURATION.md'), 'utf8');
const tabled = new Set(
  [...configuration.matchAll(/^\|([^|]*)\|/gm)].flatMap((row) => [...row[1]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!)),
);

describe('the configuration variables', () => {
  it('finds the variables the app reads', () => {
    expect([...read]).toEqual(expect.arrayContaining(['JWT_SECRET', 'DEMO_PASSWORD', 'REDIS_URL', 'REFRESH_GRACE_SECONDS']));
  });

  it.each([...read].sort())('.env.example lists %s, under a comment that gives its default', (name) => {
    expect(assignments.has(name)).toBe(true);
    const comment = new RegExp(`^# .*Default: .+\\n${name}=`, 'm');
    expect(example).toMatch(comment);
  });

  it.each([...read].sort())("docs/CONFIGURATION.md's table has a row for %s", (name) => {
    expect(tabled.has(name)).toBe(true);
  });

  it('.env.example lists nothing the app does not read', () => {
    expect([...assignments.keys()].filter((name) => !read.has(name))).toEqual([]);
  });

  it('.env.example copied as is changes nothing: every value it sets is the default', () => {
    const secret = { JWT_SECRET: 'a-secret-of-at-least-32-bytes-0123456789', JWT_SIGNING_KEY: signingKeyEnv() };
    const copied = { ...Object.fromEntries(assignments), ...secret };
    for (const NODE_ENV of ['development', 'production']) {
      expect(loadAuthConfig({ ...copied, NODE_ENV })).toEqual(loadAuthConfig({ ...secret, NODE_ENV }));
      expect(loadSessionConfig({ ...copied, NODE_ENV })).toEqual(loadSessionConfig({ NODE_ENV }));
      expect(loadStoreChoice({ ...copied, NODE_ENV })).toEqual(loadStoreChoice({ NODE_ENV }));
      expect(loadUsersConfig({ ...copied, NODE_ENV })).toEqual(loadUsersConfig({ NODE_ENV }));
      expect(loadTrustProxy({ ...copied, NODE_ENV })).toEqual(loadTrustProxy({ NODE_ENV }));
    }
  });
});
