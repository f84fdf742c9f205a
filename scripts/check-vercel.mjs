// Builds the app as Vercel would (`vercel build`, offline) and checks the Build Output API result:
// the middleware is an edge function in front of /protected, the API routes are functions and the
// page is static. Run with `npm run check:vercel`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

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
for (const name of ['JWT_SECRET', 'JWT_PREVIOUS_SECRETS', 'DEMO_PASSWORD', 'DEMO_USERS', 'TOKEN_TTL_SECONDS']) delete env[name];
const build = spawnSync('npx', ['vercel', 'build', '--yes'], { env, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const json = (path) => JSON.parse(readFileSync(`${output}/${path}`, 'utf8'));
const checks = [];
const check = (what, test) => {
  test();
  checks.push(what);
};

check('middleware is an edge function', () => {
  const middleware = json('functions/middleware.func/.vc-config.json');
  assert.equal(middleware.runtime, 'edge', `middleware runtime is ${middleware.runtime}`);
});

for (const route of ['login', 'protected', 'unprotected']) {
  check(`/${route} is a function`, () => {
    const fn = json(`functions/${route}.func/.vc-config.json`);
    assert.equal(fn.operationType, 'API', `/${route} is ${fn.operationType}`);
  });
}

check('the page is static', () => {
  const page = json('functions/index.prerender-config.json');
  assert.equal(page.prerenderClassification?.compute, 'static');
  assert.equal(page.expiration, false, 'the page is revalidated');
  assert.ok(existsSync(`${output}/functions/${page.fallback.fsPath}`), 'no prerendered HTML');
});

check('/protected goes through the middleware', () => {
  const { routes } = json('config.json');
  const gate = routes.find((route) => route.middlewarePath === 'middleware');
  assert.ok(gate, 'no route runs the middleware');
  assert.ok(new RegExp(gate.src).test('/protected'), `the middleware route ${gate.src} does not match /protected`);
  assert.ok(!new RegExp(gate.src).test('/unprotected'), 'the middleware also runs for /unprotected');
});

check('the README\'s Deploy button asks for JWT_SECRET', () => {
  const button = /\(https:\/\/vercel\.com\/new\/clone\?[^)]*\)/.exec(readFileSync('README.md', 'utf8'))?.[0];
  assert.ok(button, 'no Deploy with Vercel button in README.md');
  assert.equal(new URL(button.slice(1, -1)).searchParams.get('env'), 'JWT_SECRET');
});

for (const what of checks) console.log(`ok  ${what}`);
console.log(`${checks.length} passed, 0 failed`);
