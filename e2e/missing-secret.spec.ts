import { expect, test } from './openapi';
import { startProductionServer, type ProductionServer } from './production-server';

// A second production server on the same build, started with no JWT_SECRET: what a deploy that
// forgot the secret looks like. It must refuse clearly, say why once, and never issue a token.
let server: ProductionServer;

test.beforeAll(async () => {
  server = await startProductionServer({ JWT_SECRET: undefined });
});

test.afterAll(() => server.stop());

const problem = /^JWT_SECRET is not set: .*openssl rand -base64 32/;

test('/login answers 500 naming JWT_SECRET and issues no token', async ({ request }) => {
  const response = await request.get(`${server.url}/login`, { headers: { Authorization: `Basic ${btoa('alice:password')}` } });
  expect(response.status()).toBe(500);
  const body = (await response.json()) as Record<string, string>;
  expect(Object.keys(body)).toEqual(['message']);
  expect(body.message).toMatch(problem);
});

test('/protected answers 500 naming JWT_SECRET, with or without a token', async ({ request }) => {
  for (const path of ['/protected', '/protected?token=a.b.c']) {
    const response = await request.get(server.url + path);
    expect(response.status()).toBe(500);
    expect(((await response.json()) as { message: string }).message).toMatch(problem);
  }
});

test('/unprotected still answers', async ({ request }) => {
  expect(await (await request.get(`${server.url}/unprotected`)).json()).toEqual({ message: 'Anyone can view this!' });
});

test('the server says what is wrong once, in one line, with no stack trace', async ({ request }) => {
  await request.get(`${server.url}/login`);
  await request.get(`${server.url}/protected`);
  const lines = server.output().split('\n').filter((line) => line.includes('JWT_SECRET'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(problem);
  expect(server.output()).not.toMatch(/\n\s+at /);
});
