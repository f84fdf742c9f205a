import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { PrivateJwk } from '@/lib/auth/config';
import { basicHeader } from '@/test/hostile-cases';
import { freePort } from '@/test/redis-server';
import { publicKeysEnv, publicPem, signEs256, signingKeyEnv } from '@/test/signing-keys';
import { startFlaskApi, type FlaskApi } from './flask-api';
import { startProductionServer, type ProductionServer } from './production-server';
import { TEST_JWT_SECRET } from './server';
import { sameSitePost, sessionLogin } from './session-client';

// examples/flask-api, the tutorial's Flask app, verifying this app's access tokens with nothing but
// its JWKS. Two instances of the app mid-rotation: A signs with K1; B signs with K2 and still
// publishes K1. Both put Flask's `aud` in their access tokens.

const newSigningKey = (): PrivateJwk => {
  const { x, y, d } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: x!, y: y!, d: d! };
};
const K1 = newSigningKey();
const K2 = newSigningKey();

let a: ProductionServer;
let b: ProductionServer;
/** Flask, on B's JWKS. */
let flask: FlaskApi;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  const env = { JWT_SECRET: TEST_JWT_SECRET, AUTH_STORE: 'memory', JWT_RESOURCE_AUDIENCES: 'flask-api' };
  [a, b] = await Promise.all([
    startProductionServer({ ...env, JWT_SIGNING_KEY: signingKeyEnv(K1) }),
    startProductionServer({ ...env, JWT_SIGNING_KEY: signingKeyEnv(K2), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(K1) }),
  ]);
  flask = await startFlaskApi(`${b.url}/.well-known/jwks.json`);
});
test.afterAll(async () => {
  await flask?.stop();
  a?.stop();
  b?.stop();
});

const bearer = (request: APIRequestContext, url: string, token: string) => request.get(`${url}/protected`, { headers: { Authorization: `Bearer ${token}` } });

const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
const encodePart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token's header and claims, as JSON. */
const parts = (token: string) => {
  const [header, payload] = token.split('.');
  return { header: decodePart(header!), payload: decodePart(payload!) };
};

test('an access token from POST /auth/login gets 200 at Flask, naming its user', async ({ request }) => {
  const { body } = await sessionLogin(request, b.url);
  const answer = await bearer(request, flask.url, body.access_token);
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ message: 'This is only available for people with valid tokens.', user: 'alice' });
});

test('?token= as the video sends it works too, and Flask logs the path without the token', async ({ request }) => {
  const { body } = await sessionLogin(request, b.url);
  const logged = () => flask.output().split('\n').filter((line) => line.includes('GET /protected')).length;
  const before = logged();
  expect((await request.get(`${flask.url}/protected?token=${body.access_token}`)).status()).toBe(200);
  await expect.poll(logged).toBe(before + 1);
  expect(flask.output()).not.toContain(body.access_token);
});

test('no token, and a tampered one, get 401 with a Bearer challenge', async ({ request }) => {
  const missing = await request.get(`${flask.url}/protected`);
  expect(missing.status()).toBe(401);
  expect(await missing.json()).toEqual({ message: 'Token is missing!' });
  expect(missing.headers()['www-authenticate']).toMatch(/^Bearer /);

  const { body } = await sessionLogin(request, b.url);
  const [header, , signature] = body.access_token.split('.');
  const asBob = `${header}.${encodePart({ ...parts(body.access_token).payload, user: 'bob' })}.${signature}`;
  const tampered = await bearer(request, flask.url, asBob);
  expect(tampered.status()).toBe(401);
  expect(await tampered.json()).toEqual({ message: 'Token is invalid!' });
});

test('a token is accepted until its exp, and refused from then on', async ({ request }) => {
  const { body } = await sessionLogin(request, b.url, '?ttl=2');
  expect((await bearer(request, flask.url, body.access_token)).status()).toBe(200);
  const exp = parts(body.access_token).payload.exp as number;
  await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
  expect((await bearer(request, flask.url, body.access_token)).status()).toBe(401);
});

test('a token signed with the app\'s own key is refused without Flask\'s aud, and HS256 tokens are refused', async ({ request }) => {
  const { body } = await sessionLogin(request, b.url);
  const { header, payload } = parts(body.access_token);
  expect(payload.aud).toEqual(['nextjs-jwt-auth/api', 'flask-api']);
  // Re-signed as issued, the claims verify: what changes below is the one thing refused.
  const resigned = signEs256(encodePart(header), encodePart(payload), K2);
  expect((await bearer(request, flask.url, resigned)).status()).toBe(200);
  const forTheAppOnly = signEs256(encodePart(header), encodePart({ ...payload, aud: 'nextjs-jwt-auth/api' }), K2);
  expect((await bearer(request, flask.url, forTheAppOnly)).status()).toBe(401);

  // The algorithm confusion: HS256 with the published public key as the HMAC secret, under K2's kid.
  const input = `${encodePart({ ...header, alg: 'HS256' })}.${encodePart(payload)}`;
  const confused = `${input}.${createHmac('sha256', publicPem(K2)).update(input).digest('base64url')}`;
  expect((await bearer(request, flask.url, confused)).status()).toBe(401);
  // The tutorial's own token from GET /login, HS256 with the app's secret.
  const tutorial = await request.get(`${b.url}/login`, { headers: { Authorization: basicHeader('alice:password') } });
  expect(tutorial.status()).toBe(200);
  const { token } = (await tutorial.json()) as { token: string };
  expect((await bearer(request, flask.url, token)).status()).toBe(401);
});

test('mid-rotation, a token from the old key verifies, and the new key\'s token verifies at once', async ({ request }) => {
  // One JWKS URL, as a deploy has, served by A until B replaces it; Flask holds A's set first.
  let jwksFrom = a.url;
  const jwks: Server = createServer((_, response) => {
    void fetch(`${jwksFrom}/.well-known/jwks.json`)
      .then(async (answer) => response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text()))
      .catch(() => response.writeHead(502).end());
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const rotating = await startFlaskApi(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`);
  try {
    const old = (await sessionLogin(request, a.url)).body.access_token;
    expect((await bearer(request, rotating.url, old)).status()).toBe(200);

    jwksFrom = b.url;
    const fresh = (await sessionLogin(request, b.url)).body.access_token;
    expect(parts(fresh).header.kid).not.toBe(parts(old).header.kid);
    // PyJWKClient keeps a set for 5 minutes, but fetches it again for a kid it does not hold.
    expect((await bearer(request, rotating.url, fresh)).status()).toBe(200);
    expect((await bearer(request, rotating.url, old)).status()).toBe(200);
  } finally {
    await rotating.stop();
    jwks.close();
  }
});

test('after logout the app refuses the access token, and Flask still accepts it until it expires', async ({ request }) => {
  const { body, refreshToken } = await sessionLogin(request, b.url);
  expect((await sameSitePost(request, b.url, '/auth/logout', refreshToken, body.csrf_token)).status()).toBe(204);
  expect((await bearer(request, b.url, body.access_token)).status()).toBe(401);
  // Flask verifies offline, with the public key alone, and cannot see the app's session store: a
  // token it was given stays good there for the rest of its life (ACCESS_TTL_SECONDS, 5 minutes by
  // default). That is the price of offline verification, and why access tokens are short-lived.
  const answer = await bearer(request, flask.url, body.access_token);
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ user: 'alice' });
});

test('a JWKS that cannot be fetched is 503 at Flask, not a refused token', async ({ request }) => {
  const { body } = await sessionLogin(request, b.url);
  // A port nothing listens on.
  const stranded = await startFlaskApi(`http://127.0.0.1:${await freePort()}/.well-known/jwks.json`);
  try {
    const answer = await bearer(request, stranded.url, body.access_token);
    expect(answer.status()).toBe(503);
    expect(stranded.output()).not.toContain(body.access_token);
  } finally {
    await stranded.stop();
  }
});
