import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { basicHeader, jsonSegment, signRaw } from '@/test/hostile-cases';
import { MEMORY_SERVER_LOG, POSTGRES_ALONE_SERVER_LOG, SERVER_LOG, TEST_JWT_SECRET } from './server';

// Runs after every other spec (the `teardown` of the main project in playwright.config.ts), so the
// log it reads holds everything the production server printed during the whole e2e run.

const CANARY_PASSWORD = `canary-password-${Date.now()}`;

test('the server never logs a token, a secret or a password, and logs no errors', async ({ request }) => {
  // A last round of requests carrying secrets the log must not show.
  const login = await request.get('/login', { headers: { Authorization: basicHeader('alice:password') } });
  const { token } = (await login.json()) as { token: string };
  await request.get(`/protected?token=${token}`);
  await request.get('/login', { headers: { Authorization: basicHeader(`alice:${CANARY_PASSWORD}`) } });
  const canaryToken = signRaw(jsonSegment({ alg: 'HS256' }), jsonSegment({ user: 'canary', exp: 1 }), TEST_JWT_SECRET);
  await request.get('/protected', { headers: { Authorization: `Bearer ${canaryToken}` } });
  await request.get(`/protected?token=${canaryToken}.extra`);

  for (const file of [SERVER_LOG, MEMORY_SERVER_LOG, POSTGRES_ALONE_SERVER_LOG]) {
    let log = '';
    await expect.poll(() => (log = readFileSync(file, 'utf8')), { message: `the server's output in ${file}` }).toContain('Ready');
    await test.info().attach(file, { body: log, contentType: 'text/plain' });

    expect(log).not.toContain(TEST_JWT_SECRET);
    expect(log).not.toContain(CANARY_PASSWORD);
    expect(log).not.toContain(Buffer.from('alice:password').toString('base64'));
    expect(log).not.toContain(token.split('.')[2]);
    expect(log).not.toContain(canaryToken.split('.')[1]);
    // Any JWT at all: every header we or an attacker would send starts with {" (eyJ in base64url).
    expect(log).not.toMatch(/eyJ[\w-]{10,}/);
    // Next prints unhandled route errors (answered 500) with a ⨯; hostile input must cause none. A
    // Server Action posted from another site is refused by the gate before Next, which would log it.
    expect(log).not.toMatch(/⨯|Error:/);
  }
});
