import { afterEach, describe, expect, it, vi } from 'vitest';
import { signingKeyEnv } from '@/test/signing-keys';
import { startupWarnings } from './startup';

// What a server says when it starts about where it keeps what: one line for a configuration that
// holds no records, none for one that is complete.

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'startup-test-secret-0123456789-abcdefgh',
  JWT_SIGNING_KEY: signingKeyEnv(),
  DEMO_PASSWORD: 'a demo password of some length',
  SEED_USERS: 'alice:admin:correct horse battery staple',
  TRUST_PROXY: '1',
};

function withEnv(env: Record<string, string>) {
  for (const name of ['REDIS_URL', 'KV_URL', 'DATABASE_URL', 'AUTH_STORE']) vi.stubEnv(name, '');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}
afterEach(() => vi.unstubAllEnvs());

const about = (lines: string[], word: string) => lines.filter((line) => line.includes(word));

describe('startupWarnings', () => {
  it('says nothing of the stores for DATABASE_URL alone, or with REDIS_URL', () => {
    withEnv({ ...PRODUCTION, DATABASE_URL: 'postgres://app@db/app' });
    expect(startupWarnings(true)).toEqual([]);
    withEnv({ ...PRODUCTION, DATABASE_URL: 'postgres://app@db/app', REDIS_URL: 'redis://cache:6379' });
    expect(startupWarnings(true)).toEqual([]);
  });

  it('says in one line, in production with REDIS_URL alone, that the routes needing records answer 503 until DATABASE_URL is set', () => {
    withEnv({ ...PRODUCTION, REDIS_URL: 'redis://cache:6379' });
    const lines = startupWarnings(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL is not.*503.*Set DATABASE_URL/);
  });

  it('says in one line, outside production with REDIS_URL alone, that the records are in memory until DATABASE_URL is set', () => {
    withEnv({ NODE_ENV: 'development', JWT_SECRET: PRODUCTION.JWT_SECRET, REDIS_URL: 'redis://cache:6379' });
    expect(about(startupWarnings(false), 'DATABASE_URL')).toEqual([
      "Sessions are in Redis (REDIS_URL), but users and to-dos are in this process's memory until DATABASE_URL is set: they are lost on every restart.",
    ]);
    withEnv({ NODE_ENV: 'development', JWT_SECRET: PRODUCTION.JWT_SECRET });
    expect(startupWarnings(false)).toEqual([]);
  });

  it('names DATABASE_URL when production has no store at all', () => {
    withEnv(PRODUCTION);
    expect(about(startupWarnings(true), 'No store')).toEqual([expect.stringContaining('(DATABASE_URL)')]);
  });
});
