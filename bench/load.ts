import autocannon from 'autocannon';
import { loadAuthConfig } from '@/lib/auth/config';
import { signToken } from '@/lib/auth/token';
import { VERIFIED_CACHE_SIZE } from '@/lib/auth/verified-tokens';
import type { SessionTokenBody } from '@/lib/contract';
import { BENCH_PASSWORD, BENCH_SECRET, BENCH_SIGNING_KEY, type Server } from './server';

export interface LoadOptions {
  connections: number;
  /** Seconds each scenario runs in each round. */
  seconds: number;
  rounds: number;
}

/** One scenario on one build: the median round, except errors, which add up. */
export interface Measured {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time per answered request: steadier than req/s when other work shares the cores. */
  cpuMsPerRequest: number | null;
  /** Socket errors, timeouts and answers with any status but the expected one. */
  errors: number;
}

export interface Ratio {
  /** One value per round, from two runs of that round, and their median. */
  rounds: number[];
  median: number;
  /** The same ratio from the servers' CPU time per request (medians of the rounds). */
  fromCpu: number | null;
}

export interface ScenarioResult {
  name: string;
  connections: number;
  app: Measured;
  /** The same scenario on the floor build: an edge middleware that does nothing. */
  floor: Measured;
  /** req/s on the app ÷ on the floor build. */
  floorRatio: Ratio;
}

export interface LoadResult {
  options: LoadOptions;
  scenarios: ScenarioResult[];
  /** The target: valid `/protected` req/s on the app ÷ on the floor build. */
  floorRatio: Ratio;
  /** Valid `/protected` ÷ `/unprotected` req/s on the app: for information. */
  unprotectedRatio: Ratio;
  /** A session's access token (one Redis round trip in the route) ÷ a tutorial token, both as Bearer, on the app. */
  sessionRatio: Ratio;
}

interface Scenario {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** When set, each request sends the next of these tokens in `?token=` instead. */
  tokens?: string[];
  status: number;
  /** Overrides the load's connection count: one connection measures latency without queueing. */
  connections?: number;
}

/** An HTTP Basic `Authorization` header. */
export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Logs in once for a token, the way a client would. */
export async function fetchToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, { headers: { authorization: basic('bench', BENCH_PASSWORD) } });
  if (!response.ok) throw new Error(`/login answered ${response.status}; the bench server did not start with its own env.`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Distinct valid tokens, more than the server remembers: sent in turn, each is one the middleware
 * has not verified before, so every request pays for a full signature check.
 */
async function freshTokens(): Promise<string[]> {
  const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_SECRET, JWT_SIGNING_KEY: BENCH_SIGNING_KEY, DEMO_PASSWORD: BENCH_PASSWORD });
  // The bench server's own token lifetime: it refuses a token that would live longer than it issues.
  return Promise.all(Array.from({ length: 2 * VERIFIED_CACHE_SIZE }, (_, i) => signToken(config, `bench-${i}`, config.ttlSeconds)));
}

/** Logs in for a session once, as the page does, and returns its access token. */
export async function fetchSessionToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { authorization: basic('bench', BENCH_PASSWORD) } });
  if (!response.ok) throw new Error(`/auth/login answered ${response.status}; is the bench's redis-server up?`);
  return ((await response.json()) as SessionTokenBody).access_token;
}

// The scenarios whose ratios the bench reports.
const UNPROTECTED = 'unprotected';
const VALID = 'protected, valid ?token=';
const BEARER = 'protected, valid Bearer';
export const SESSION_SCENARIO = 'protected, session token (Redis)';

export interface Tokens {
  /** A tutorial token from GET /login. */
  tutorial: string;
  /** A session's access token from POST /auth/login. */
  session: string;
}

function scenarios({ tutorial: token, session }: Tokens, fresh: string[]): Scenario[] {
  // Same length and form as a real token, so it reaches the signature check and fails there. The
  // signature's first character changes: all six of its bits are signature bits.
  const at = token.lastIndexOf('.') + 1;
  const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  return [
    { name: UNPROTECTED, path: '/unprotected', status: 200 },
    { name: VALID, path: `/protected?token=${token}`, status: 200 },
    { name: 'protected, new token each request', path: '/protected', tokens: fresh, status: 200 },
    { name: BEARER, path: '/protected', headers: { authorization: `Bearer ${token}` }, status: 200 },
    // The same request, with one store round trip more: the route asks Redis whether the session is alive.
    { name: SESSION_SCENARIO, path: '/protected', headers: { authorization: `Bearer ${session}` }, status: 200 },
    { name: 'protected, no token', path: '/protected', status: 401 },
    { name: 'protected, bad signature', path: `/protected?token=${forged}`, status: 401 },
    { name: 'login', path: '/login', headers: { authorization: basic('bench', BENCH_PASSWORD) }, status: 200 },
    { name: 'login, one connection', path: '/login', headers: { authorization: basic('bench', BENCH_PASSWORD) }, status: 200, connections: 1 },
  ];
}

/** How long a run's answers in flight get to land before the next run starts: over p99 on a loaded machine. */
const DRAIN_MS = 500;

async function run(server: Server, scenario: Scenario, connections: number, seconds: number): Promise<Measured> {
  const { tokens } = scenario;
  let next = 0;
  const nextToken = (request: Record<string, unknown>) => ({ ...request, path: `${scenario.path}?token=${tokens![next++ % tokens!.length]}` });
  const cpuBefore = server.cpuMs();
  const result = await autocannon({
    url: server.url + scenario.path,
    headers: scenario.headers,
    requests: tokens && [{ setupRequest: nextToken }],
    connections: scenario.connections ?? connections,
    duration: seconds,
  });
  const cpuAfter = server.cpuMs();
  // Autocannon stops at the end of its time without waiting for the answers still on their way, and
  // the server goes on serving them. Let them land before the next run starts: the app and the floor
  // build count GET /login in one Redis, where the app's last 16 logins and the floor's first 16
  // overran the tutorial bucket's 20 (a right password then waits out a lock: 429), and a server
  // still busy would take CPU from the one measured next.
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  const unexpected = Object.entries(result.statusCodeStats).filter(([code]) => Number(code) !== scenario.status);
  if (unexpected.length > 0) console.warn(`${scenario.name}: ${unexpected.map(([code, { count }]) => `${count} × ${code}`).join(', ')} (expected ${scenario.status})`);
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  const expected = result.statusCodeStats[scenario.status]?.count ?? 0;
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || answered === 0 ? null : (cpuAfter - cpuBefore) / answered,
    errors: result.errors + result.timeouts + (answered - expected),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Build = 'app' | 'floor';

/**
 * Loads every scenario for `seconds` on the app and then on the floor build (the other way round
 * in every other round), `rounds` times, interleaved (A B C A B C) so that drift in machine load
 * touches each one alike. Both servers take turns at every scenario, so neither sits idle while the
 * other works: loaded only for its one scenario, the floor build measured up to 1.8 times the app's
 * CPU per request on a busy machine.
 */
export async function runLoad(servers: { app: Server; floor: Server }, tokens: Tokens, options: LoadOptions): Promise<LoadResult> {
  const list = scenarios(tokens, await freshTokens());
  const both = async (scenario: Scenario, seconds: number, floorFirst = false) => {
    const on = (build: Build) => run(servers[build], scenario, options.connections, seconds);
    if (floorFirst) {
      const floor = await on('floor');
      return { app: await on('app'), floor };
    }
    const app = await on('app');
    return { app, floor: await on('floor') };
  };
  // Warm up the JIT and the servers' caches before anything counts.
  for (const scenario of list) await both(scenario, 1);

  const rounds: Record<Build, Measured>[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const results = [];
    for (const scenario of list) results.push(await both(scenario, options.seconds, round % 2 === 1));
    rounds.push(results);
  }

  const ratio = (a: Measured[], b: Measured[], cpuA: number | null, cpuB: number | null): Ratio => {
    const perRound = a.map((run, i) => run.reqPerSec / b[i]!.reqPerSec);
    return { rounds: perRound, median: median(perRound), fromCpu: cpuA && cpuB ? cpuB / cpuA : null };
  };
  const runsOf = (i: number, build: Build) => rounds.map((results) => results[i]![build]);
  const scenarioResults = list.map(({ name, connections }, i): ScenarioResult => {
    const [app, floor] = [measured(runsOf(i, 'app')), measured(runsOf(i, 'floor'))];
    const floorRatio = ratio(runsOf(i, 'app'), runsOf(i, 'floor'), app.cpuMsPerRequest, floor.cpuMsPerRequest);
    return { name, connections: connections ?? options.connections, app, floor, floorRatio };
  });
  const [u, v, b, s] = [UNPROTECTED, VALID, BEARER, SESSION_SCENARIO].map((name) => list.findIndex((x) => x.name === name)) as [number, number, number, number];
  const app = (i: number) => scenarioResults[i]!.app;
  return {
    options,
    scenarios: scenarioResults,
    floorRatio: scenarioResults[v]!.floorRatio,
    unprotectedRatio: ratio(runsOf(v, 'app'), runsOf(u, 'app'), app(v).cpuMsPerRequest, app(u).cpuMsPerRequest),
    sessionRatio: ratio(runsOf(s, 'app'), runsOf(b, 'app'), app(s).cpuMsPerRequest, app(b).cpuMsPerRequest),
  };
}

function measured(runs: Measured[]): Measured {
  const of = (key: 'reqPerSec' | 'p50Ms' | 'p99Ms') => median(runs.map((run) => run[key]));
  const cpu = runs.map((run) => run.cpuMsPerRequest);
  return {
    reqPerSec: of('reqPerSec'),
    p50Ms: of('p50Ms'),
    p99Ms: of('p99Ms'),
    cpuMsPerRequest: cpu.includes(null) ? null : median(cpu as number[]),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

export { median };
