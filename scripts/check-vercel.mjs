// Builds the app as Vercel would (`vercel build`, offline) and checks the Build Output API result:
// the middleware is an edge function in front of /protected that keeps the gate's contract when run
// in Vercel's edge runtime, the API routes are functions and the page is static.
// Run with `npm run check:vercel`.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { tsImport } from 'tsx/esm/api';
import { loadEdgeFunction } from './load-edge-function.mjs';

const output = '.vercel/output';

// A throwaway local project link: `vercel build` needs one, and .vercel/ is never committed.
if (!existsSync('.vercel/project.json')) {
  mkdirSync('.vercel', { recursive: true });
  writeFileSync(
    '.vercel/project.json',
    JSON.stringify({ projectId: 'prj_local', orgId: 'team_local', settings: { framework: 'nextjs' } }),
  );
}

// The build must need no secrets: run it with none.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', VERCEL_TELEMETRY_DISABLED: '1' };
const UNSET = [
  'JWT_SECRET', 'JWT_PREVIOUS_SECRETS', 'JWT_SIGNING_KEY', 'JWT_PREVIOUS_PUBLIC_KEYS', 'JWT_RESOURCE_AUDIENCES', 'JWT_ISSUER', 'JWT_AUDIENCE', 'DEMO_PASSWORD', 'DEMO_USERS', 'SEED_USERS', 'TOKEN_TTL_SECONDS', 'ACCESS_TTL_SECONDS',
  'REFRESH_TTL_SECONDS', 'REFRESH_GRACE_SECONDS', 'REDIS_URL', 'KV_URL', 'AUTH_STORE', 'DATABASE_URL', 'TRUST_PROXY',
];
for (const name of UNSET) delete env[name];
const build = spawnSync('npx', ['vercel', 'build', '--yes'], { env, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const json = (path) => JSON.parse(readFileSync(`${output}/${path}`, 'utf8'));
const checks = [];
const check = async (what, test) => {
  await test();
  checks.push(what);
};

await check('middleware is an edge function', () => {
  const middleware = json('functions/middleware.func/.vc-config.json');
  assert.equal(middleware.runtime, 'edge', `middleware runtime is ${middleware.runtime}`);
});

for (const route of ['login', 'protected', 'unprotected', 'auth/login', 'auth/refresh', 'auth/logout', 'auth/demo/replay', 'api/users', 'api/todos', 'api/sessions']) {
  // Node functions: /protected and the session routes reach the session store, which the edge never does.
  // On Node 24, which CI's smoke runs: Vercel picks the highest major that package.json's engines allows.
  await check(`/${route} is a Node 24 function`, () => {
    const fn = json(`functions/${route}.func/.vc-config.json`);
    assert.equal(fn.operationType, 'API', `/${route} is ${fn.operationType}`);
    assert.equal(fn.runtime, 'nodejs24.x', `/${route} runs on ${fn.runtime}`);
  });
}

await check('the page is static', () => {
  const page = json('functions/index.prerender-config.json');
  assert.equal(page.prerenderClassification?.compute, 'static');
  assert.equal(page.expiration, false, 'the page is revalidated');
  assert.ok(existsSync(`${output}/functions/${page.fallback.fsPath}`), 'no prerendered HTML');
});

await check('/protected, /api/*, /account and /sign-in go through the middleware', () => {
  // One route per entry of the middleware's matcher.
  const gates = json('config.json').routes.filter((route) => route.middlewarePath === 'middleware').map((route) => new RegExp(route.src));
  assert.ok(gates.length > 0, 'no route runs the middleware');
  for (const path of ['/protected', '/api/users', '/api/todos/some-id', '/account', '/sign-in']) {
    assert.ok(gates.some((gate) => gate.test(path)), `the middleware does not run for ${path}`);
  }
  assert.ok(!gates.some((gate) => gate.test('/unprotected')), 'the middleware also runs for /unprotected');
});

// The built middleware, run in edge-runtime: the gate's contract as the function itself answers it.
// The project's modules are imported as the server imports them (`--conditions=react-server` in the
// npm script): lib/auth/config.ts holds the secret, and its `server-only` marker refuses anything else.
const { loadAuthConfig } = await tsImport('../lib/auth/config.ts', import.meta.url);
const { signAccessToken, signRefreshToken, signToken } = await tsImport('../lib/auth/token.ts', import.meta.url);
const { GATE_TIMING_HEADER, parseServerTiming } = await tsImport('../lib/contract.ts', import.meta.url);
// A production gate signs nothing, but verifies access tokens with the key's public half: ES256 under edge-runtime.
const JWT_SIGNING_KEY = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
const config = loadAuthConfig({ JWT_SECRET: randomBytes(32).toString('base64'), JWT_SIGNING_KEY });
const gate = await loadEdgeFunction(`${output}/functions/middleware.func`, { JWT_SECRET: config.secret, JWT_SIGNING_KEY });
const url = 'https://edge.test/protected';
const layers = (header) => parseServerTiming(header).map((entry) => `${entry.layer} ${entry.verdict}`);
const tokenFor = (user) => signToken(config, user, 60);

await check('the edge function refuses no token with the Bearer challenge', async () => {
  const response = await gate(url);
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="protected"');
  assert.deepEqual(layers(response.headers.get('server-timing')), ['gate refused']);
});

await check('the edge function refuses the tutorial\'s garbage token as malformed', async () => {
  const response = await gate(`${url}?token=thisisthesecretkey`);
  assert.equal(response.status, 401);
  assert.deepEqual(await response.json(), { message: 'Token is invalid!', reason: 'malformed' });
});

// A pass-through is Next's `x-middleware-next`; the request header the gate adds for the route
// travels as an override that Vercel's router applies before calling the route.
const passedOn = (response, verdict = 'verified') => {
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-middleware-next'), '1', 'not passed on to the route');
  assert.ok(response.headers.get('x-middleware-override-headers')?.split(',').includes(GATE_TIMING_HEADER));
  assert.deepEqual(layers(response.headers.get(`x-middleware-request-${GATE_TIMING_HEADER}`)), [`gate ${verdict}`]);
};

await check('the edge function passes on a valid ?token= with its Server-Timing entry', async () => {
  passedOn(await gate(`${url}?token=${await tokenFor('alice')}`));
});

await check('the edge function passes on a valid Bearer token with its Server-Timing entry', async () => {
  // Another user's token: a fresh one, so it is verified, not found among those already verified.
  passedOn(await gate(url, { headers: { authorization: `Bearer ${await tokenFor('bob')}` } }));
});

await check('the edge function passes on a session\'s access token, saying it did not check the session', async () => {
  const { token } = await signAccessToken(config, { sub: 'user-dave', user: 'dave', roles: ['user'], sid: 'session-1' }, 60);
  passedOn(await gate(url, { headers: { authorization: `Bearer ${token}` } }), 'verified (session not checked)');
});

await check('the edge function refuses a refresh token sent as a bearer', async () => {
  const iat = Math.floor(Date.now() / 1000);
  const token = await signRefreshToken(config, { sub: 'user-dave', user: 'dave', roles: ['user'], sid: 'session-1', jti: 'r1', iat, exp: iat + 60 });
  const response = await gate(url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 401);
  assert.deepEqual(layers(response.headers.get('server-timing')), ['gate refused']);
});

await check('the edge function refuses a tampered token as bad_signature', async () => {
  const [header, payload, signature] = (await tokenFor('carol')).split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const tampered = Buffer.from(JSON.stringify({ ...claims, user: 'admin' })).toString('base64url');
  const response = await gate(`${url}?token=${header}.${tampered}.${signature}`);
  assert.equal(response.status, 401);
  assert.deepEqual(await response.json(), { message: 'Token is invalid!', reason: 'bad_signature' });
});

await check('the README\'s Deploy button asks for JWT_SECRET and JWT_SIGNING_KEY, which production requires', () => {
  const button = /\(https:\/\/vercel\.com\/new\/clone\?[^)]*\)/.exec(readFileSync('README.md', 'utf8'))?.[0];
  assert.ok(button, 'no Deploy with Vercel button in README.md');
  assert.equal(new URL(button.slice(1, -1)).searchParams.get('env'), 'JWT_SECRET,JWT_SIGNING_KEY');
});

for (const what of checks) console.log(`ok  ${what}`);
console.log(`${checks.length} passed, 0 failed`);
