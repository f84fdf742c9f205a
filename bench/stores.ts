// Where the records live, measured: the same requests on each store configuration, one server
// each, interleaved round by round (the configurations' order turning every round), so that drift
// in machine load touches each alike. Ratios are taken within each round, against the first
// configuration, and their medians reported.
import type { Server } from './server';
import { addTodos, run, sessionLogin, type Scenario } from './part3';
import { basic, median, type LoadOptions } from './load';
import { BENCH_PASSWORD, BENCH_USERS, LOGIN_USERS } from './server';

export interface StoreConfiguration {
  /** What it is, as the table shows it: `DATABASE_URL alone`. */
  name: string;
  server: Server;
}

export interface StoreMeasured {
  configuration: string;
  scenario: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** req/s ÷ the first configuration's, per round, then the median; 1 for the first itself. */
  ratio: number;
  ratioRounds: number[];
}

export interface StoresResult {
  options: LoadOptions;
  reference: string;
  results: StoreMeasured[];
}

const TODOS = 20;
export const STORE_SCENARIOS = {
  protected: 'protected, session token',
  todos: `GET /api/todos (${TODOS} to-dos)`,
  login: 'session login, one connection',
} as const;

async function scenariosOn(url: string): Promise<Scenario[]> {
  const bearer = { authorization: `Bearer ${await sessionLogin(url, BENCH_USERS.admin)}` };
  await addTodos(url, bearer, TODOS);
  return [
    { name: STORE_SCENARIOS.protected, path: '/protected', headers: bearer, status: 200 },
    { name: STORE_SCENARIOS.todos, path: '/api/todos', headers: bearer, status: 200 },
    { name: STORE_SCENARIOS.login, method: 'POST', path: '/auth/login', authorizations: LOGIN_USERS.map((name) => basic(name, BENCH_PASSWORD)), status: 200, connections: 1 },
  ];
}

export async function runStores(configurations: StoreConfiguration[], options: LoadOptions): Promise<StoresResult> {
  const lists = await Promise.all(configurations.map(({ server }) => scenariosOn(server.url)));
  const names = lists[0]!.map((scenario) => scenario.name);
  const turn = (round: number) => configurations.map((_, i) => (i + round) % configurations.length);
  for (const [i, { server }] of configurations.entries()) for (const scenario of lists[i]!) await run(server, scenario, options.connections, 1);

  // runs[configuration][scenario][round]
  const runs = configurations.map(() => names.map(() => [] as Awaited<ReturnType<typeof run>>[]));
  for (let round = 0; round < options.rounds; round++) {
    for (const [s] of names.entries()) {
      for (const c of turn(round)) runs[c]![s]!.push(await run(configurations[c]!.server, lists[c]![s]!, options.connections, options.seconds));
    }
  }
  const results = configurations.flatMap(({ name }, c) =>
    names.map((scenario, s): StoreMeasured => {
      const mine = runs[c]![s]!;
      const ratioRounds = mine.map((measured, round) => measured.reqPerSec / runs[0]![s]![round]!.reqPerSec);
      return {
        configuration: name,
        scenario,
        reqPerSec: median(mine.map((m) => m.reqPerSec)),
        p50Ms: median(mine.map((m) => m.p50Ms)),
        p99Ms: median(mine.map((m) => m.p99Ms)),
        errors: mine.reduce((sum, m) => sum + m.errors, 0),
        ratio: median(ratioRounds),
        ratioRounds,
      };
    }),
  );
  return { options, reference: configurations[0]!.name, results };
}

/** The result of one scenario on one configuration. */
export const storeResult = (stores: StoresResult, configuration: string, scenario: string) =>
  stores.results.find((r) => r.configuration === configuration && r.scenario === scenario)!;
