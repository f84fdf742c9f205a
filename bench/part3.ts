// Who may do what, measured on the app alone: the JWKS, a session login (argon2id) at one and ten
// connections, the server's memory while twenty log in at once, a throttled login, and the /api
// routes beside the session /protected they build on. Each scenario is run for `seconds`, in
// `rounds` interleaved rounds; the medians are reported, and ratios are taken within each round.
import autocannon from 'autocannon';
import type { SessionTokenBody } from '@/lib/contract';
import { basic, median, type LoadOptions } from './load';
import { BENCH_PASSWORD, BENCH_USERS, LOGIN_USERS, type Server } from './server';

export interface Scenario {
  name: string;
  method?: 'POST';
  path: string;
  headers?: Record<string, string>;
  status: number;
  connections?: number;
  /** Each request's Authorization header in turn, instead of one for all. */
  authorizations?: string[];
}

export interface Part3Measured {
  name: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number | null;
  errors: number;
}

export interface Part3Result {
  options: LoadOptions;
  scenarios: Part3Measured[];
  /** Server RSS in MiB: idle before, and the peak while twenty logins ran at once. */
  memory: { idleMiB: number | null; peakMiB: number | null; loginsAtOnce: number };
  /** GET /api/todos ÷ /protected, both with a session's access token: req/s per round. */
  todosRatio: number;
  /** GET /api/sessions (50 sessions) ÷ GET /api/todos, req/s. */
  sessionsRatio: number;
  /** A throttled login's server CPU per request ÷ /unprotected's. */
  throttledCpuRatio: number | null;
  /** A throttled login's req/s ÷ /unprotected's. */
  throttledRateRatio: number;
}

const SESSIONS_FOR_MANY = 50;
const TODOS = 20;

export async function sessionLogin(url: string, user: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, { method: 'POST', headers: { authorization: basic(user, BENCH_PASSWORD) } });
  if (!response.ok) throw new Error(`/auth/login as ${user} answered ${response.status}.`);
  return ((await response.json()) as SessionTokenBody).access_token;
}

/** Sets up what the scenarios need: a user with to-dos, one with 50 sessions, and a locked name. */
async function prepare(url: string) {
  const token = await sessionLogin(url, BENCH_USERS.admin);
  const bearer = { authorization: `Bearer ${token}` };
  await addTodos(url, bearer, TODOS);
  let many = '';
  for (let i = 0; i < SESSIONS_FOR_MANY; i++) many = await sessionLogin(url, BENCH_USERS.many);
  // Five wrong passwords lock the name; the server keeps it locked for the run.
  for (let i = 0; i < 5; i++) await fetch(`${url}/auth/login`, { method: 'POST', headers: { authorization: basic('locked-out', 'wrong password') } });
  return { bearer, many: { authorization: `Bearer ${many}` } };
}

/** Adds to-dos for the token's user until they have `count`. */
export async function addTodos(url: string, bearer: Record<string, string>, count: number): Promise<void> {
  const listed = (await (await fetch(`${url}/api/todos`, { headers: bearer })).json()) as { todos: unknown[] };
  for (let i = listed.todos.length; i < count; i++) {
    await fetch(`${url}/api/todos`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ text: `bench to-do ${i}` }) });
  }
}

function scenarios(bearer: Record<string, string>, many: Record<string, string>): Scenario[] {
  const logins = LOGIN_USERS.map((name) => basic(name, BENCH_PASSWORD));
  return [
    { name: 'unprotected', path: '/unprotected', status: 200 },
    // The public keys a resource server fetches to verify access tokens: no store, no gate.
    { name: 'GET /.well-known/jwks.json', path: '/.well-known/jwks.json', status: 200 },
    { name: 'protected, session token', path: '/protected', headers: bearer, status: 200 },
    { name: 'GET /api/todos (20 to-dos)', path: '/api/todos', headers: bearer, status: 200 },
    { name: 'GET /api/sessions (50 sessions)', path: '/api/sessions', headers: many, status: 200 },
    { name: 'session login, one connection', method: 'POST', path: '/auth/login', authorizations: logins, status: 200, connections: 1 },
    { name: 'session login', method: 'POST', path: '/auth/login', authorizations: logins, status: 200, connections: 10 },
    { name: 'session login, name locked (429)', method: 'POST', path: '/auth/login', headers: { authorization: basic('locked-out', BENCH_PASSWORD) }, status: 429 },
  ];
}

/** An autocannon request setup that gives each request the next of `authorizations`. */
function rotating(authorizations: string[]) {
  let next = 0;
  return (request: Record<string, unknown>) => ({ ...request, headers: { ...(request.headers as object), authorization: authorizations[next++ % authorizations.length] } });
}

export async function run(server: Server, scenario: Scenario, connections: number, seconds: number) {
  const cpuBefore = server.cpuMs();
  const result = await autocannon({
    url: server.url + scenario.path,
    method: scenario.method ?? 'GET',
    headers: scenario.headers,
    requests: scenario.authorizations && [{ setupRequest: rotating(scenario.authorizations) }],
    connections: scenario.connections ?? connections,
    duration: seconds,
  });
  const cpuAfter = server.cpuMs();
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

/** The server's RSS, idle and at its peak while `count` session logins run at once. */
async function loginMemory(server: Server, count: number) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleMiB = server.rssMiB();
  let peakMiB = idleMiB;
  const sample = setInterval(() => {
    const now = server.rssMiB();
    if (now !== null) peakMiB = Math.max(peakMiB ?? 0, now);
  }, 5);
  await Promise.all(LOGIN_USERS.slice(0, count).map((name) => sessionLogin(server.url, name)));
  clearInterval(sample);
  return { idleMiB, peakMiB, loginsAtOnce: count };
}

export async function runPart3(app: Server, options: LoadOptions): Promise<Part3Result> {
  const memory = await loginMemory(app, 20);
  const { bearer, many } = await prepare(app.url);
  const list = scenarios(bearer, many);
  for (const scenario of list) await run(app, scenario, options.connections, 1);
  const rounds: Awaited<ReturnType<typeof run>>[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const results = [];
    for (const scenario of list) results.push(await run(app, scenario, options.connections, options.seconds));
    rounds.push(results);
  }
  const at = (name: string) => list.findIndex((s) => s.name === name);
  const perRound = (a: number, b: number) => median(rounds.map((r) => r[a]!.reqPerSec / r[b]!.reqPerSec));
  const measuredList = list.map((scenario, i): Part3Measured => {
    const runs = rounds.map((r) => r[i]!);
    const cpu = runs.map((r) => r.cpuMsPerRequest);
    return {
      name: scenario.name,
      connections: scenario.connections ?? options.connections,
      reqPerSec: median(runs.map((r) => r.reqPerSec)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      cpuMsPerRequest: cpu.includes(null) ? null : median(cpu as number[]),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
    };
  });
  const [unprotected, throttled] = [at('unprotected'), at('session login, name locked (429)')];
  const cpuOf = (i: number) => measuredList[i]!.cpuMsPerRequest;
  return {
    options,
    scenarios: measuredList,
    memory,
    todosRatio: perRound(at('GET /api/todos (20 to-dos)'), at('protected, session token')),
    sessionsRatio: perRound(at('GET /api/sessions (50 sessions)'), at('GET /api/todos (20 to-dos)')),
    throttledCpuRatio: cpuOf(throttled) && cpuOf(unprotected) ? cpuOf(throttled)! / cpuOf(unprotected)! : null,
    throttledRateRatio: perRound(throttled, unprotected),
  };
}
