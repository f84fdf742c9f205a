import autocannon from 'autocannon';
import { loadAuthConfig } from '@/lib/auth/config';
import { signToken } from '@/lib/auth/token';
import { VERIFIED_CACHE_SIZE } from '@/lib/auth/verified-tokens';
import { BENCH_PASSWORD, BENCH_SECRET } from './server';

export interface LoadOptions {
  connections: number;
  /** Seconds each scenario runs in each round. */
  seconds: number;
  rounds: number;
}

export interface ScenarioResult {
  name: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time per answered request: steadier than req/s when other work shares the cores. */
  cpuMsPerRequest: number | null;
  /** Socket errors, timeouts and answers with any status but the expected one. */
  errors: number;
}

export interface LoadResult {
  options: LoadOptions;
  scenarios: ScenarioResult[];
  /** protected (valid ?token=) ÷ unprotected req/s, one value per round, and their median. */
  ratios: number[];
  ratio: number;
  /** The same ratio estimated from server CPU per request (unprotected ÷ protected). */
  cpuRatio: number | null;
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

/** Reads the server's CPU time so far, in ms, or null where the platform cannot tell. */
export type CpuClock = () => number | null;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

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
  const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_SECRET, DEMO_PASSWORD: BENCH_PASSWORD });
  return Promise.all(Array.from({ length: 2 * VERIFIED_CACHE_SIZE }, (_, i) => signToken(config, `bench-${i}`, 3600)));
}

/** The names of the scenarios the bench compares. */
export const UNPROTECTED = 'unprotected';
export const VALID = 'protected, valid ?token=';
export const NO_TOKEN = 'protected, no token';

function scenarios(token: string, fresh: string[]): Scenario[] {
  // Same length and form as a real token, so it reaches the signature check and fails there. The
  // signature's first character changes: all six of its bits are signature bits.
  const at = token.lastIndexOf('.') + 1;
  const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  return [
    { name: UNPROTECTED, path: '/unprotected', status: 200 },
    { name: VALID, path: `/protected?token=${token}`, status: 200 },
    { name: 'protected, new token each request', path: '/protected', tokens: fresh, status: 200 },
    { name: 'protected, valid Bearer', path: '/protected', headers: { authorization: `Bearer ${token}` }, status: 200 },
    { name: NO_TOKEN, path: '/protected', status: 401 },
    { name: 'protected, bad signature', path: `/protected?token=${forged}`, status: 401 },
    { name: 'login', path: '/login', headers: { authorization: basic('bench', BENCH_PASSWORD) }, status: 200 },
    { name: 'login, one connection', path: '/login', headers: { authorization: basic('bench', BENCH_PASSWORD) }, status: 200, connections: 1 },
  ];
}

async function run(baseUrl: string, scenario: Scenario, connections: number, seconds: number, cpuMs: CpuClock) {
  const { tokens } = scenario;
  let next = 0;
  const nextToken = (request: Record<string, unknown>) => ({ ...request, path: `${scenario.path}?token=${tokens![next++ % tokens!.length]}` });
  const cpuBefore = cpuMs();
  const result = await autocannon({
    url: baseUrl + scenario.path,
    headers: scenario.headers,
    requests: tokens && [{ setupRequest: nextToken }],
    connections: scenario.connections ?? connections,
    duration: seconds,
  });
  const cpuAfter = cpuMs();
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

/**
 * Loads every scenario for `seconds`, `rounds` times, interleaved (A B C A B C) so that drift in
 * machine load touches each one alike. Reports the median round of each.
 */
export async function runLoad(baseUrl: string, token: string, options: LoadOptions, cpuMs: CpuClock): Promise<LoadResult> {
  const list = scenarios(token, await freshTokens());
  // Warm up the JIT and the server's caches before anything counts.
  for (const scenario of list) await run(baseUrl, scenario, options.connections, 1, cpuMs);

  const rounds: Awaited<ReturnType<typeof run>>[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const results = [];
    for (const scenario of list) results.push(await run(baseUrl, scenario, options.connections, options.seconds, cpuMs));
    rounds.push(results);
  }

  const scenarioResults = list.map(({ name, connections }, i) => {
    const of = (key: 'reqPerSec' | 'p50Ms' | 'p99Ms') => median(rounds.map((results) => results[i]![key]));
    const cpu = rounds.map((results) => results[i]!.cpuMsPerRequest);
    return {
      name,
      connections: connections ?? options.connections,
      reqPerSec: of('reqPerSec'),
      p50Ms: of('p50Ms'),
      p99Ms: of('p99Ms'),
      cpuMsPerRequest: cpu.includes(null) ? null : median(cpu as number[]),
      errors: rounds.reduce((sum, results) => sum + results[i]!.errors, 0),
    };
  });
  const [u, v] = [list.findIndex((s) => s.name === UNPROTECTED), list.findIndex((s) => s.name === VALID)];
  const ratios = rounds.map((results) => results[v]!.reqPerSec / results[u]!.reqPerSec);
  const [unprotected, valid] = [scenarioResults[u], scenarioResults[v]];
  return {
    options,
    scenarios: scenarioResults,
    ratios,
    ratio: median(ratios),
    cpuRatio: unprotected!.cpuMsPerRequest && valid!.cpuMsPerRequest ? unprotected!.cpuMsPerRequest / valid!.cpuMsPerRequest : null,
  };
}

export { median };
