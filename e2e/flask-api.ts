import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from '@playwright/test';
import { freePort } from '@/test/redis-server';

/** Debian's python3, which sees python3-flask, -jwt and -cryptography; PYTHON names another. */
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const APP = path.join(__dirname, '..', 'examples', 'flask-api', 'app.py');

export interface FlaskApi {
  url: string;
  /** Everything it has printed so far: werkzeug's request lines among it. */
  output(): string;
  stop(): Promise<void>;
}

/** examples/flask-api on a free port, verifying access tokens with the keys at `jwksUrl`; once it answers. */
export async function startFlaskApi(jwksUrl: string): Promise<FlaskApi> {
  const port = await freePort();
  const child = spawn(PYTHON, [APP], {
    env: { ...process.env, JWKS_URL: jwksUrl, PORT: String(port), AUDIENCE: 'flask-api', PYTHONUNBUFFERED: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // Not started at all (no such python): said in the output, which the wait below shows.
    child.once('error', (error) => {
      output += String(error);
      resolve();
    });
  });
  let running = true;
  void exited.then(() => (running = false));
  const url = `http://127.0.0.1:${port}`;
  const answer = async () => (running ? (await fetch(`${url}/unprotected`).catch(() => null))?.status : `exited: ${output}`);
  await expect.poll(answer, { timeout: 15_000 }).toBe(200).catch(async (error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (running) child.kill();
      await exited;
    },
  };
}
