import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import pg from 'pg';
import { freePort } from '@/test/redis-server';
import { postgresUrl, TEST_JWT_SECRET, TEST_MAX_FAILURES, TEST_SEED_USERS, TEST_SIGNING_KEY } from './server';

export interface ProductionServer {
  url: string;
  /** Everything it has printed so far. */
  output(): string;
  stop(): void;
}

/**
 * Another `next start` on the e2e suite's build, with its own environment: what a deploy
 * configured differently looks like. `env` is added to this process's, and to the shared servers'
 * users and throttle; an undefined value unsets.
 */
export async function startProductionServer(env: Record<string, string | undefined>): Promise<ProductionServer> {
  const port = await freePort();
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    JWT_SIGNING_KEY: TEST_SIGNING_KEY,
    SEED_USERS: TEST_SEED_USERS,
    LOGIN_MAX_FAILURES: TEST_MAX_FAILURES,
    LOGIN_MAX_FAILURES_PER_IP: TEST_MAX_FAILURES,
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  // Its own process group, so that stopping it stops the server npx starts, not only npx.
  const child = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], { env: merged, detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(`${url}/unprotected`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
  return {
    url,
    output: () => output,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid);
    },
  };
}

/**
 * A server on the memory store with the throttle's default limits (5 failures per name, 20 per IP)
 * and a lock of `lockSeconds`, short enough to wait out; `env` on top.
 */
export function startThrottledServer(lockSeconds: number, env: Record<string, string | undefined> = {}): Promise<ProductionServer> {
  return startProductionServer({
    JWT_SECRET: TEST_JWT_SECRET,
    AUTH_STORE: 'memory',
    LOGIN_MAX_FAILURES: undefined,
    LOGIN_MAX_FAILURES_PER_IP: undefined,
    LOGIN_LOCK_SECONDS: String(lockSeconds),
    ...env,
  });
}

/**
 * A new database on the run's PostgreSQL (e2e/postgres.ts), migrated by `npm run db:migrate` as a
 * deploy is: the records of a server a spec starts, apart from every other spec's. Its URL.
 */
export async function freshDatabase(): Promise<string> {
  const name = `e2e_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: postgresUrl('postgres') });
  await admin.connect();
  try {
    // A name of ours, not input: identifiers cannot be parameters.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = postgresUrl(name);
  const migrated = spawnSync(process.execPath, ['scripts/db-migrate.mjs'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`npm run db:migrate failed: ${migrated.stderr}`);
  return url;
}
