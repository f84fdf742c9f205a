// A production build's smoke test, on whichever Node runs it: builds the app (`next build`), starts
// it (`next start`, on a free loopback port, a throwaway JWT_SECRET and AUTH_STORE=memory) and asks
// what a deploy must answer, in a few seconds. CI runs it on Node 24, what Vercel runs:
//   PATH=/path/to/node24/bin:$PATH node scripts/smoke.mjs
// `--no-build` starts the build already in .next instead. Exits 1 on the first wrong answer.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

// tsx hands a TypeScript module's exports over as named exports or under `default`, by how it loads it.
const contract = await tsImport('../lib/contract.ts', import.meta.url);
const { sessionCookieNames } = contract.sessionCookieNames ? contract : contract.default;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const started = performance.now();
let server;
let serverLog = '';

// The same Node that runs this script builds and serves: `npx next` could find another one.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
console.log(`smoke: Node ${process.version}`);
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) fail(`next build exited with ${build.status ?? build.signal}`);
}

const SESSION_PASSWORD = 'a smoke-test password';
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// Set here, so that a .env.local in the checkout or the shell's own settings change no answer.
const serverEnv = {
  ...env,
  JWT_SECRET: randomBytes(32).toString('base64'),
  JWT_PREVIOUS_SECRETS: '',
  // Production signs access tokens only with a key it is given.
  JWT_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
  JWT_PREVIOUS_PUBLIC_KEYS: '',
  JWT_RESOURCE_AUDIENCES: '',
  AUTH_STORE: 'memory',
  DEMO_PASSWORD: 'password',
  DEMO_USERS: '',
  // A real user, hashed with argon2id when the server seeds it: the native module must load here.
  SEED_USERS: `alice:admin:${SESSION_PASSWORD}`,
  REDIS_URL: '',
  KV_URL: '',
};
server = spawn(process.execPath, [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
  cwd: root,
  env: serverEnv,
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', (chunk) => (serverLog += chunk));
server.stderr.on('data', (chunk) => (serverLog += chunk));
server.on('exit', (code, signal) => fail(`next start exited (${code ?? signal}) before the checks ended`));

const basic = { Authorization: `Basic ${Buffer.from('alice:password').toString('base64')}` };
const checks = [];

try {
  await waitFor(`${base}/unprotected`);

  await check('GET /unprotected is 200', async () => {
    const response = await fetch(`${base}/unprotected`);
    expectEqual(response.status, 200);
    expectEqual((await response.json()).message, 'Anyone can view this!');
  });

  let token = '';
  await check('GET /login with Basic alice:password gives a token', async () => {
    const response = await fetch(`${base}/login`, { headers: basic });
    expectEqual(response.status, 200);
    token = (await response.json()).token;
    expectEqual(typeof token === 'string' && token.split('.').length, 3);
  });

  await check('GET /protected with it is 200, verified by the gate and then the route', async () => {
    const response = await fetch(`${base}/protected`, { headers: { Authorization: `Bearer ${token}` } });
    expectEqual(response.status, 200);
    expectEqual((await response.json()).user, 'alice');
    expectEqual(layers(response), ['gate verified', 'route verified']);
  });

  await check('GET /protected with no token is 401 from the gate alone', async () => {
    const response = await fetch(`${base}/protected`);
    expectEqual(response.status, 401);
    expectEqual(layers(response), ['gate refused']);
  });

  let access = '';
  await check('POST /auth/login gives an access token and the HttpOnly refresh cookie', async () => {
    const session = { Authorization: `Basic ${Buffer.from(`alice:${SESSION_PASSWORD}`).toString('base64')}` };
    const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: session });
    expectEqual(response.status, 200);
    const body = await response.json();
    expectEqual(body.token_type, 'Bearer');
    access = body.access_token;
    const { refresh: name } = sessionCookieNames(true);
    const refresh = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
    expectEqual(/; HttpOnly/i.test(refresh ?? ''), true);
  });

  await check("GET /protected with the session's access token is 200, its session live in the store", async () => {
    const response = await fetch(`${base}/protected`, { headers: { Authorization: `Bearer ${access}` } });
    expectEqual(response.status, 200);
    expectEqual(layers(response), ['gate verified (session not checked)', 'route verified (session live)']);
  });

  await check('POST then GET /api/todos with it: the to-do is there', async () => {
    const auth = { Authorization: `Bearer ${access}` };
    const added = await fetch(`${base}/api/todos`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"text":"smoke"}' });
    expectEqual(added.status, 201);
    const listed = await fetch(`${base}/api/todos`, { headers: auth });
    expectEqual((await listed.json()).todos.map((todo) => todo.text), ['smoke']);
  });
} finally {
  server.removeAllListeners('exit');
  server.kill();
}

console.log(`smoke: ${checks.length} checks passed on Node ${process.version} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

async function check(what, run) {
  try {
    await run();
  } catch (error) {
    fail(`${what}: ${error.message}`);
  }
  checks.push(what);
  console.log(`  ok  ${what}`);
}

/** Which layers answered, from Server-Timing: `['gate verified', 'route verified']` (lib/contract.ts writes it). */
function layers(response) {
  const header = response.headers.get('server-timing') ?? '';
  return [...header.matchAll(/(gate|route);dur=[\d.]+;desc="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

function expectEqual(actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function waitFor(url) {
  for (let tries = 0; tries < 300; tries++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail(`${url} did not answer within 30 s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function fail(message) {
  console.error(`smoke: FAILED on Node ${process.version}: ${message}`);
  if (serverLog) console.error(`next start printed:\n${serverLog}`);
  server?.kill();
  process.exit(1);
}
