// The account page, a Server Component behind the Data Access Layer, for a user with 20 to-dos: on
// the app, and on the floor build, whose DAL answers a constant user (bench/floor-dal.ts). The
// difference is the price of the cookie checks (the gate's and the DAL's) and the store's answer
// that the session lives.
import autocannon from 'autocannon';
import { sessionCookieNames, type SessionTokenBody } from '@/lib/contract';

// The bench runs production builds, whose cookies carry their prefix.
const { page: PAGE_SESSION_COOKIE } = sessionCookieNames(true);
import { addTodos } from './part3';
import { basic, median, type LoadOptions } from './load';
import { BENCH_PASSWORD, BENCH_USERS, type Server } from './server';

export interface AccountResult {
  app: { reqPerSec: number; p50Ms: number };
  floor: { reqPerSec: number; p50Ms: number };
  /** app ÷ floor req/s, per round, and their median. */
  rounds: number[];
  ratio: number;
  /** The pages' session cookie the load sent, for the page-weight measure. */
  cookie: { name: string; value: string };
}

export async function runAccount(servers: { app: Server; floor: Server }, options: LoadOptions): Promise<AccountResult> {
  const login = await fetch(`${servers.app.url}/auth/login`, { method: 'POST', headers: { authorization: basic(BENCH_USERS.admin, BENCH_PASSWORD) } });
  const { access_token: token } = (await login.json()) as SessionTokenBody;
  const value = login.headers.getSetCookie().find((c) => c.startsWith(`${PAGE_SESSION_COOKIE}=`))!.split(';')[0]!.slice(PAGE_SESSION_COOKIE.length + 1);
  await addTodos(servers.app.url, { authorization: `Bearer ${token}` }, 20);

  const headers = { cookie: `${PAGE_SESSION_COOKIE}=${value}` };
  const run = async (server: Server, seconds: number) => {
    const result = await autocannon({ url: `${server.url}/account`, headers, connections: options.connections, duration: seconds });
    const ok = result.statusCodeStats['200']?.count ?? 0;
    if (ok === 0) throw new Error(`${server.url}/account answered no 200 under load: ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors.`);
    return { reqPerSec: result.requests.average, p50Ms: result.latency.p50 };
  };
  for (const server of [servers.app, servers.floor]) {
    // One render alone first: the first loads the route's code, and under load a second may go by
    // before any answer comes back.
    const first = await fetch(`${server.url}/account`, { headers, redirect: 'manual' });
    if (first.status !== 200) throw new Error(`${server.url}/account answered ${first.status}, not 200.`);
    await run(server, 1);
  }
  const rounds: { app: Awaited<ReturnType<typeof run>>; floor: Awaited<ReturnType<typeof run>> }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const app = await run(servers.app, options.seconds);
    rounds.push({ app, floor: await run(servers.floor, options.seconds) });
  }
  const perRound = rounds.map((r) => r.app.reqPerSec / r.floor.reqPerSec);
  const of = (build: 'app' | 'floor') => ({ reqPerSec: median(rounds.map((r) => r[build].reqPerSec)), p50Ms: median(rounds.map((r) => r[build].p50Ms)) });
  return { app: of('app'), floor: of('floor'), rounds: perRound, ratio: median(perRound), cookie: { name: PAGE_SESSION_COOKIE, value } };
}
