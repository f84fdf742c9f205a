import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { PORT } from './server';

// A second production server on the same build, started with no JWT_SECRET: what a deploy that
// forgot the secret looks like. It must refuse clearly, say why once, and never issue a token.
const port = PORT + 10;
const baseURL = `http://127.0.0.1:${port}`;
let server: ChildProcess;
let output = '';

test.beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.JWT_SECRET;
  // Its own process group, so that stopping it stops the server npx starts, not only npx.
  server = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], { env, detached: true });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  await expect.poll(async () => (await fetch(`${baseURL}/unprotected`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
});

test.afterAll(() => {
  if (server.pid) process.kill(-server.pid);
});

test.use({ baseURL });

const problem = /^JWT_SECRET is not set: .*openssl rand -base64 32/;

test('/login answers 500 naming JWT_SECRET and issues no token', async ({ request }) => {
  const response = await request.get('/login', { headers: { Authorization: `Basic ${btoa('alice:password')}` } });
  expect(response.status()).toBe(500);
  const body = (await response.json()) as Record<string, string>;
  expect(Object.keys(body)).toEqual(['message']);
  expect(body.message).toMatch(problem);
});

test('/protected answers 500 naming JWT_SECRET, with or without a token', async ({ request }) => {
  for (const path of ['/protected', '/protected?token=a.b.c']) {
    const response = await request.get(path);
    expect(response.status()).toBe(500);
    expect(((await response.json()) as { message: string }).message).toMatch(problem);
  }
});

test('/unprotected still answers', async ({ request }) => {
  expect(await (await request.get('/unprotected')).json()).toEqual({ message: 'Anyone can view this!' });
});

test('the server says what is wrong once, in one line, with no stack trace', async ({ request }) => {
  await request.get('/login');
  await request.get('/protected');
  const lines = output.split('\n').filter((line) => line.includes('JWT_SECRET'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(problem);
  expect(output).not.toMatch(/\n\s+at /);
});
