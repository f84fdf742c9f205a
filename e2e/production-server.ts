import { spawn } from 'node:child_process';
import { expect } from '@playwright/test';
import { freePort } from '@/test/redis-server';
import { TEST_JWT_SECRET, TEST_MAX_FAILURES, TEST_SEED_USERS, TEST_SIGNING_KEY } from './server';

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
