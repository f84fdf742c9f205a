// `npm run bench`: build, start the production server on loopback, and measure what auth costs:
// load on each route, verifyToken beside a raw HMAC, and the page's JavaScript and LCP.
// `npm run bench:smoke`: under a minute of load; exits 1 if auth got much slower, verified tokens stopped
// being remembered, or anything errored.
// Either takes --no-build to reuse the last build, and BENCH_PORT (default 3101).
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumExecutable } from '../e2e/chromium';
import { fetchToken, NO_TOKEN, runLoad, UNPROTECTED, VALID, type LoadResult } from './load';
import { runPage } from './page';
import { startServer } from './server';
import { runVerify, type VerifyResult } from './verify';

const smoke = process.argv.includes('--smoke');
const build = !process.argv.includes('--no-build');
const port = Number(process.env.BENCH_PORT ?? 3101);

// A valid protected request runs Next twice (the edge middleware passes it on, then the route), so
// under `next start` it measures about 0.55 of an unprotected one, as does an edge middleware that
// does nothing at all, and 2 s rounds on a shared 2-core machine swing by ±0.15. The bound catches a
// gross regression, not noise.
const SMOKE_MIN_RATIO = 0.35;
// A token verified before costs a map lookup and the claim checks, under half a raw HMAC check; a
// cache that misses costs a WebCrypto verify, over 20 times one.
const SMOKE_MAX_WARM_VERIFY = 4;

interface Target {
  name: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean;
}

async function main() {
  // Found before the server starts: it exits the process when there is no Chromium.
  const chromium = smoke ? undefined : chromiumExecutable();
  if (build) execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  const loadAverage = os.loadavg()[0]!;
  const server = await startServer(port);
  try {
    const token = await fetchToken(server.url);
    const options = smoke ? { connections: 16, seconds: 2, rounds: 3 } : { connections: 16, seconds: 5, rounds: 3 };
    const load = await runLoad(server.url, token, options, server.cpuMs);
    printLoad(load);
    if (smoke) return checkSmoke(load, await runVerify({ ops: 1000, batches: 3 }));

    const verify = await runVerify({ ops: 5000, batches: 5 });
    const page = await runPage(`${server.url}/`, 9, chromium);
    const login = load.scenarios.find((s) => s.connections === 1)!;
    const targets: Target[] = [
      target('protected-valid ÷ unprotected req/s', load.ratio, '×', '≥ 0.75', load.ratio >= 0.75),
      target('verifyToken cold ÷ raw HMAC', verify.verifyColdUs / verify.rawHmacUs, '×', '≤ 4', verify.verifyColdUs <= 4 * verify.rawHmacUs),
      target('verifyToken warm (cache hit) ÷ raw HMAC', verify.verifyWarmUs / verify.rawHmacUs, '×', '≤ 4', verify.verifyWarmUs <= 4 * verify.rawHmacUs),
      target('page JavaScript, compressed', page.jsBytes / 1000, 'kB', '≤ 150', page.jsBytes <= 150_000),
      target('LCP on loopback', page.lcpMs, 'ms', '< 300', page.lcpMs < 300),
      target('/login p50, one connection', login.p50Ms, 'ms', '< 5', login.p50Ms < 5),
    ];
    console.log(`\nverifyToken: ${fmt(verify.verifyColdUs)} µs/op cold (new tokens), ${fmt(verify.verifyWarmUs)} µs/op warm (same token);`);
    console.log(`  jose jwtVerify alone ${fmt(verify.joseUs)} µs/op; raw node:crypto HMAC-SHA256 check ${fmt(verify.rawHmacUs)} µs/op.`);
    console.log(`page /: ${page.jsFiles} scripts, ${fmt(page.jsBytes / 1000)} kB compressed; LCP ${fmt(page.lcpMs)} ms (loads: ${page.lcpSamplesMs.join(', ')} ms).\n`);
    printTable(
      ['target', 'measured', 'goal', ''],
      targets.map((t) => [t.name, `${fmt(t.value)} ${t.unit}`, `${t.goal} ${t.unit}`, t.met ? 'met' : 'MISSED']),
    );
    const results = { date: new Date().toISOString(), machine: machine(loadAverage), load, verify, page, targets };
    writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nWrote bench/results.json.');
  } finally {
    await server.stop();
  }
}

function checkSmoke(load: LoadResult, verify: VerifyResult) {
  const errors = load.scenarios.reduce((sum, s) => sum + s.errors, 0);
  const warm = verify.verifyWarmUs / verify.rawHmacUs;
  console.log(`\nverifyToken, a token it has verified before: ${fmt(verify.verifyWarmUs)} µs/op, ${fmt(warm)} × a raw HMAC check.`);
  const problems = [
    ...(load.ratio < SMOKE_MIN_RATIO ? [`protected ÷ unprotected is ${fmt(load.ratio)}, below ${SMOKE_MIN_RATIO}`] : []),
    ...(warm > SMOKE_MAX_WARM_VERIFY
      ? [`verifyToken of a token it has seen is ${fmt(warm)} × a raw HMAC check, over ${SMOKE_MAX_WARM_VERIFY}: are verified tokens still remembered?`]
      : []),
    ...(errors > 0 ? [`${errors} requests errored or got an unexpected status`] : []),
  ];
  for (const problem of problems) console.error(`bench:smoke failed: ${problem}.`);
  if (problems.length > 0) process.exitCode = 1;
}

function printLoad(load: LoadResult) {
  const { connections, seconds, rounds } = load.options;
  console.log(`\n${connections} connections unless noted, ${seconds} s per route, ${rounds} interleaved rounds; medians of the rounds.\n`);
  printTable(
    ['route', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'errors'],
    load.scenarios.map((s) => [
      s.name,
      String(s.connections),
      fmt(s.reqPerSec),
      fmt(s.p50Ms),
      fmt(s.p99Ms),
      s.cpuMsPerRequest === null ? '-' : fmt(s.cpuMsPerRequest),
      String(s.errors),
    ]),
  );
  const cpu = load.cpuRatio === null ? '' : `; from server CPU per request: ${fmt(load.cpuRatio)}`;
  console.log(`\nprotected-valid ÷ unprotected req/s: ${fmt(load.ratio)} (rounds: ${load.ratios.map(fmt).join(', ')})${cpu}`);
  const cpuOf = (name: string) => load.scenarios.find((s) => s.name === name)?.cpuMsPerRequest ?? null;
  const [valid, gate, route] = [cpuOf(VALID), cpuOf(NO_TOKEN), cpuOf(UNPROTECTED)];
  if (valid !== null && gate !== null && route !== null) {
    console.log(
      `Server CPU of a valid request, ${fmt(valid)} ms, against the middleware's pass alone (no token, ${fmt(gate)} ms) ` +
        `plus the open route's (${fmt(route)} ms): ${fmt(gate + route)} ms.`,
    );
  }
}

function target(name: string, value: number, unit: string, goal: string, met: boolean): Target {
  return { name, value: Number(value.toFixed(3)), unit, goal, met };
}

function machine(loadAverage: number) {
  return { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage1m: loadAverage };
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function printTable(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
