// `npm run bench`: build the app and its floor variant (bench/floor.ts), start both production
// servers on loopback, and measure what auth costs: load on each route, a valid /protected on the
// app beside the same request on the floor build, verifyToken beside a raw HMAC, and the page's
// JavaScript and LCP.
// `npm run bench:smoke`: 2 s rounds, about two minutes; exits 1 if anything errored or the gate got
// grossly slower against the floor.
// Either takes --no-build to reuse the last build of the app (the floor is built again only if the
// app's files changed since), and BENCH_PORT (default 3101; the other servers take the next ports).
// The app and the floor keep the users and to-dos in a throwaway PostgreSQL, and the sessions in a
// throwaway redis-server, as a deploy with both does. The full bench also serves the same build on
// PostgreSQL alone, and with --baseline <dir> a built checkout of the app from before the records
// moved to PostgreSQL, on Redis alone: the figures the store configurations are compared with.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumExecutable } from '../e2e/chromium';
import { buildFloor, FLOOR_DIR } from './floor';
import { startRedisServer } from '../test/redis-server';
import { fetchSessionToken, fetchToken, runLoad, SESSION_SCENARIO, type LoadResult, type Ratio } from './load';
import { runAccount } from './account';
import { runPart3, type Part3Result } from './part3';
import { runRefresh } from './refresh';
import { measureHtml, runPage } from './page';
import { startServer } from './server';
import { runVerify } from './verify';
import { startBenchPostgres } from './postgres';
import { runStores, STORE_SCENARIOS, storeResult, type StoresResult } from './stores';

const smoke = process.argv.includes('--smoke');
const build = !process.argv.includes('--no-build');
const port = Number(process.env.BENCH_PORT ?? 3101);
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt === -1 ? undefined : path.resolve(process.argv[baselineAt + 1] ?? '');

// A valid /protected reaches at least 0.9 of the same request's throughput on the floor build.
const FLOOR_TARGET = 0.9;
// In 2 s rounds on a shared 2-core machine (load average 2 to 10), eight smoke runs of sound builds,
// with and without the verified-token cache, gave floor ratios (median of 3 rounds) from 0.40 to
// 1.07, single rounds from 0.38 to 2.26. That hides a 3 times slower verification: with no cache it
// moves the ratio only from 0.94 to 0.82 (10 interleaved 5 s rounds), and three smokes of it gave 0.75
// to 1.09. So the bound sits a quarter below the lowest median seen. It fails a gate that costs more
// than 2.3 times the rest of the request (an uncached verify today costs about 0.06 of it).
const SMOKE_MIN_FLOOR_RATIO = 0.3;
// A session's access token, checked against Redis on loopback by the route, reaches at
// least 0.85 of a tutorial token's throughput (one store round trip per request).
const SESSION_TARGET = 0.85;
// GET /api/todos reaches 0.8 of a session /protected; GET /api/sessions for 50 sessions
// stays within 2 times GET /api/todos.
const TODOS_TARGET = 0.8;
const SESSIONS_TARGET = 0.5;
// The store configurations, as the tables name them.
const BOTH = 'DATABASE_URL + REDIS_URL';
const ALONE = 'DATABASE_URL alone';
const REDIS_ALONE = 'REDIS_URL alone, records in Redis (--baseline)';
// GET /api/todos with the to-dos in PostgreSQL reaches, of the same request with them in Redis:
// 0.7 with the sessions in PostgreSQL too, 0.9 with the sessions in Redis.
const ALONE_TARGET = 0.7;
const BOTH_TARGET = 0.9;
// 20 logins at once stay within 512 MiB over the idle server.
const LOGIN_MEMORY_TARGET_MIB = 512;
// /account for a user with 20 to-dos reaches 0.8 of the same page with a constant user,
// and ships less JavaScript than the walkthrough.
const ACCOUNT_TARGET = 0.8;

interface Target {
  name: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean;
}

async function main() {
  // Found before the servers start: it exits the process when there is no Chromium.
  const chromium = smoke ? undefined : chromiumExecutable();
  if (build) execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  buildFloor({ force: build });
  const loadAverage = os.loadavg()[0]!;
  const servers: Array<{ stop(): Promise<void> } | { dispose(): Promise<void> }> = [];
  const started = <T extends { stop(): Promise<void> } | { dispose(): Promise<void> }>(thing: T) => (servers.push(thing), thing);
  try {
    // The session store and the records' database, throwaway, on loopback, as the tests use.
    const redis = started(await startRedisServer());
    const postgres = started(await startBenchPostgres('bench_app', 'bench_alone'));
    const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.urls[0]! };
    const app = started(await startServer(port, path.join(__dirname, '..'), env));
    const floor = started(await startServer(port + 1, FLOOR_DIR, env));
    const tokens = { tutorial: await fetchToken(app.url), session: await fetchSessionToken(app.url) };
    const options = smoke ? { connections: 16, seconds: 2, rounds: 3 } : { connections: 16, seconds: 5, rounds: 5 };
    const load = await runLoad({ app, floor }, tokens, options);
    printLoad(load);
    if (smoke) return checkSmoke(load);

    const account = await runAccount({ app, floor }, options);
    const part3 = await runPart3(app, options);
    printPart3(part3);
    const alone = started(await startServer(port + 2, path.join(__dirname, '..'), { DATABASE_URL: postgres.urls[1]!, REDIS_URL: '' }));
    const configurations = [
      { name: BOTH, server: app },
      { name: ALONE, server: alone },
    ];
    if (baseline) {
      const baselineRedis = started(await startRedisServer());
      configurations.unshift({ name: REDIS_ALONE, server: started(await startServer(port + 3, baseline, { REDIS_URL: baselineRedis.url, DATABASE_URL: '' })) });
    }
    const stores = await runStores(configurations, options);
    printStores(stores);
    const refresh = await runRefresh(app.url, 300);
    const verify = await runVerify({ ops: 5000, batches: 5 });
    const page = await runPage(`${app.url}/`, 9, chromium);
    const html = await measureHtml(`${app.url}/`);
    const accountPage = await runPage(`${app.url}/account`, 3, chromium, account.cookie);
    const login = load.scenarios.find((s) => s.connections === 1)!;
    const floorRatio = load.floorRatio.median;
    const sessionFloor = load.scenarios.find((s) => s.name === SESSION_SCENARIO)!.floorRatio.median;
    const targets: Target[] = [
      target('valid /protected, app ÷ floor build req/s', floorRatio, '×', `≥ ${FLOOR_TARGET}`, floorRatio >= FLOOR_TARGET),
      // The same with a session's ES256 access token, which the gate verifies as well.
      target('session /protected, app ÷ floor build req/s', sessionFloor, '×', `≥ ${FLOOR_TARGET}`, sessionFloor >= FLOOR_TARGET),
      target('session token ÷ tutorial token req/s', load.sessionRatio.median, '×', `≥ ${SESSION_TARGET}`, load.sessionRatio.median >= SESSION_TARGET),
      target('/auth/refresh p50, one connection', refresh.p50Ms, 'ms', '< 10', refresh.p50Ms < 10),
      target('verifyToken cold ÷ raw HMAC', verify.verifyColdUs / verify.rawHmacUs, '×', '≤ 4', verify.verifyColdUs <= 4 * verify.rawHmacUs),
      // The whole page, all three parts.
      target('page JavaScript, compressed', page.jsBytes / 1000, 'kB', '≤ 160', page.jsBytes <= 160_000),
      target('LCP on loopback', page.lcpMs, 'ms', '< 300', page.lcpMs < 300),
      // The code views load when opened: the first HTML carries the steps' words, not their code.
      target('first-load HTML of /, raw', html.rawBytes / 1000, 'kB', '≤ 250', html.rawBytes <= 250_000),
      target('/login p50, one connection', login.app.p50Ms, 'ms', '< 5', login.app.p50Ms < 5),
      target('GET /api/todos ÷ session /protected req/s', part3.todosRatio, '×', `≥ ${TODOS_TARGET}`, part3.todosRatio >= TODOS_TARGET),
      target('GET /api/sessions (50) ÷ GET /api/todos req/s', part3.sessionsRatio, '×', `≥ ${SESSIONS_TARGET}`, part3.sessionsRatio >= SESSIONS_TARGET),
      target('/account, DAL ÷ constant user, req/s', account.ratio, '×', `≥ ${ACCOUNT_TARGET}`, account.ratio >= ACCOUNT_TARGET),
      target('/account JavaScript ÷ the walkthrough\'s', accountPage.jsBytes / page.jsBytes, '×', '< 1', accountPage.jsBytes < page.jsBytes),
      target('RSS over idle, 20 logins at once', loginMemoryOverIdle(part3), 'MiB', `≤ ${LOGIN_MEMORY_TARGET_MIB}`, loginMemoryOverIdle(part3) <= LOGIN_MEMORY_TARGET_MIB),
    ];
    if (baseline) {
      for (const [name, goal] of [[ALONE, ALONE_TARGET], [BOTH, BOTH_TARGET]] as const) {
        const ratio = storeResult(stores, name, STORE_SCENARIOS.todos).ratio;
        targets.push(target(`GET /api/todos, ${name} ÷ records in Redis`, ratio, '×', `≥ ${goal}`, ratio >= goal));
      }
    }
    console.log(`\nverifyToken: ${fmt(verify.verifyColdUs)} µs/op cold (new tokens), ${fmt(verify.verifyWarmUs)} µs/op warm (same token);`);
    console.log(`  jose jwtVerify alone ${fmt(verify.joseUs)} µs/op; raw node:crypto HMAC-SHA256 check ${fmt(verify.rawHmacUs)} µs/op.`);
    console.log(`  ES256 access tokens: ${fmt(verify.accessColdUs)} µs/op cold, ${fmt(verify.accessWarmUs)} µs/op warm.`);
    console.log(`/auth/refresh, ${refresh.refreshes} rotations one after another: p50 ${fmt(refresh.p50Ms)} ms, p99 ${fmt(refresh.p99Ms)} ms.`);
    console.log(`page / HTML: ${fmt(html.rawBytes / 1000)} kB raw, ${fmt(html.gzipBytes / 1000)} kB gzip, of which the inline RSC payload ${fmt(html.rscBytes / 1000)} kB.`);
    console.log(`page /: ${page.jsFiles} scripts, ${fmt(page.jsBytes / 1000)} kB compressed; LCP ${fmt(page.lcpMs)} ms (loads: ${page.lcpSamplesMs.join(', ')} ms).`);
    console.log(`page /account: ${accountPage.jsFiles} scripts, ${fmt(accountPage.jsBytes / 1000)} kB compressed.`);
    console.log(`/account: ${fmt(account.app.reqPerSec)} req/s (p50 ${fmt(account.app.p50Ms)} ms) against ${fmt(account.floor.reqPerSec)} with a constant user; ratio ${fmt(account.ratio)} (rounds ${account.rounds.map(fmt).join(', ')}).\n`);
    printTable(
      ['target', 'measured', 'goal', ''],
      targets.map((t) => [t.name, `${fmt(t.value)} ${t.unit}`, `${t.goal} ${t.unit}`, t.met ? 'met' : 'MISSED']),
    );
    const results = { date: new Date().toISOString(), machine: machine(loadAverage), load, part3, account: { ...account, cookie: undefined }, refresh, verify, page, html, accountPage, stores, targets };
    writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nWrote bench/results.json.');
  } finally {
    // Servers first, then the stores under them.
    for (const thing of servers.reverse()) await ('stop' in thing ? thing.stop() : thing.dispose());
  }
}

function checkSmoke(load: LoadResult) {
  const errors = load.scenarios.reduce((sum, s) => sum + s.app.errors + s.floor.errors, 0);
  const problems = [
    ...(load.floorRatio.median < SMOKE_MIN_FLOOR_RATIO
      ? [`valid /protected on the app ÷ on the floor build is ${fmt(load.floorRatio.median)}, below ${SMOKE_MIN_FLOOR_RATIO}`]
      : []),
    ...(errors > 0 ? [`${errors} requests errored or got an unexpected status`] : []),
  ];
  for (const problem of problems) console.error(`bench:smoke failed: ${problem}.`);
  if (problems.length > 0) process.exitCode = 1;
}

function printLoad(load: LoadResult) {
  const { connections, seconds, rounds } = load.options;
  console.log(`\n${connections} connections unless noted, ${seconds} s per route and build, ${rounds} interleaved rounds; medians of the rounds.`);
  console.log('The floor build is the same app behind an edge middleware that does nothing.\n');
  const cpu = (ms: number | null) => (ms === null ? '-' : fmt(ms));
  printTable(
    ['route', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'floor req/s', 'floor CPU ms/req', '÷ floor', 'errors'],
    load.scenarios.map(({ name, connections, app, floor, floorRatio }) => [
      name,
      String(connections),
      fmt(app.reqPerSec),
      fmt(app.p50Ms),
      fmt(app.p99Ms),
      cpu(app.cpuMsPerRequest),
      fmt(floor.reqPerSec),
      cpu(floor.cpuMsPerRequest),
      fmt(floorRatio.median),
      String(app.errors + floor.errors),
    ]),
  );
  console.log();
  printRatio('Floor ratio, valid /protected on the app ÷ on the floor build', load.floorRatio);
  printRatio('Protected ÷ unprotected on the app, for information', load.unprotectedRatio);
  printRatio('Session token ÷ tutorial token, both as Bearer, on the app', load.sessionRatio);
}

const loginMemoryOverIdle = ({ memory }: Part3Result) => (memory.peakMiB ?? 0) - (memory.idleMiB ?? 0);

function printPart3(part3: Part3Result) {
  console.log('\nWho may do what, on the app alone (medians of the rounds):\n');
  const cpu = (ms: number | null) => (ms === null ? '-' : fmt(ms));
  printTable(
    ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'errors'],
    part3.scenarios.map((s) => [s.name, String(s.connections), fmt(s.reqPerSec), fmt(s.p50Ms), fmt(s.p99Ms), cpu(s.cpuMsPerRequest), String(s.errors)]),
  );
  const { idleMiB, peakMiB, loginsAtOnce } = part3.memory;
  console.log(`\nServer RSS: ${cpu(idleMiB)} MiB idle, ${cpu(peakMiB)} MiB at the peak of ${loginsAtOnce} session logins at once.`);
  console.log(`A throttled login (429) ÷ /unprotected: ${fmt(part3.throttledRateRatio)} of its req/s, ${cpu(part3.throttledCpuRatio)} times its CPU per request.`);
  console.log(`GET /api/todos ÷ session /protected: ${fmt(part3.todosRatio)}; GET /api/sessions (50) ÷ GET /api/todos: ${fmt(part3.sessionsRatio)}.`);
}

function printStores(stores: StoresResult) {
  console.log(`\nThe same build on each store configuration (medians of the rounds; ratio: req/s ÷ ${stores.reference}'s, per round):\n`);
  printTable(
    ['configuration', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'errors'],
    stores.results.map((r) => [r.configuration, r.scenario, fmt(r.reqPerSec), fmt(r.p50Ms), fmt(r.p99Ms), fmt(r.ratio), String(r.errors)]),
  );
}

function printRatio(name: string, ratio: Ratio) {
  const cpu = ratio.fromCpu === null ? '' : `; from server CPU per request: ${fmt(ratio.fromCpu)}`;
  console.log(`${name}: ${fmt(ratio.median)} (rounds: ${ratio.rounds.map(fmt).join(', ')})${cpu}`);
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
