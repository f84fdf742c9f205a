// GET /api/users a page at a time with 10,000 users in PostgreSQL: the directory's page() alone
// (first page, and a page near the end, where an OFFSET would have to read past 9,900 rows), its
// query plan, and the route end to end on the production build. Standalone, not part of
// `npm run bench`: it starts its own PostgreSQL and Redis and uses the build in .next.
//   npm run build && npx tsx --conditions=react-server bench/users-page.ts
import autocannon from 'autocannon';
import pg from 'pg';
import type { SessionTokenBody, UserList } from '@/lib/contract';
import { PostgresConnection } from '@/lib/store/postgres';
import { PostgresDirectory } from '@/lib/users/postgres-directory';
import { freePort, startRedisServer } from '@/test/redis-server';
import { basic } from './load';
import { startBenchPostgres } from './postgres';
import { BENCH_PASSWORD, BENCH_USERS, startServer } from './server';

const USERS = 10_000;
const CALLS = 500;

const logIn = (url: string) => fetch(`${url}/auth/login`, { method: 'POST', headers: { authorization: basic(BENCH_USERS.admin, BENCH_PASSWORD) } });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timed(call: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await call();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: +percentile(ms, 50).toFixed(2), p99Ms: +percentile(ms, 99).toFixed(2) };
}

async function main() {
  const postgres = await startBenchPostgres('bench_users');
  const [url] = postgres.urls as [string];
  const redis = await startRedisServer();
  const db = new PostgresConnection(url);
  try {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // The server is stopped with the connection open if a step fails: that is not the error to report.
    admin.on('error', () => {});
    // Ten thousand users, one a millisecond; a tenth of them made for a while (not yet over: a sweep is not what this measures).
    await admin.query(
      `INSERT INTO users (id, name, password_hash, role, created_at, expires_at)
       SELECT md5(i::text)::uuid::text, 'user' || i, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'user', 1700000000000 + i,
              CASE WHEN i % 10 = 0 THEN 4000000000000 + i END
       FROM generate_series(1, $1::int) AS i`,
      [USERS],
    );
    await admin.query('ANALYZE users');

    const directory = new PostgresDirectory(db);
    const first = await directory.page({ limit: 100 });
    let deep = first;
    while (deep.next !== null) {
      const after = await directory.page({ after: deep.next, limit: 100 });
      if (after.next === null) break;
      deep = after;
    }
    console.log('page() on', USERS, 'rows, limit 100:');
    console.log('  first page          ', await timed(() => directory.page({ limit: 100 })));
    console.log('  last page (deep)    ', await timed(() => directory.page({ after: deep.next!, limit: 100 })));

    const plan = await admin.query(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id, name, password_hash, role, created_at, expires_at FROM users
       WHERE (created_at, id) > (1700000009800, '0') AND (expires_at IS NULL OR expires_at > ${Date.now()}) ORDER BY created_at, id LIMIT 101`,
    );
    console.log('EXPLAIN, a page near the end:');
    for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log('  ', row['QUERY PLAN']);
    await admin.end();

    const port = await freePort();
    const app = await startServer(port, process.cwd(), { DATABASE_URL: url, REDIS_URL: redis.url });
    try {
      // The first requests wait for the seed users to be hashed and stored.
      let login = await logIn(app.url);
      for (let tries = 0; login.status !== 200 && tries < 30; tries++) login = await logIn(app.url);
      if (login.status !== 200) throw new Error(`POST /auth/login answered ${login.status}.`);
      const token = ((await login.json()) as SessionTokenBody).access_token;
      const headers = { authorization: `Bearer ${token}` };
      const answer = await fetch(`${app.url}/api/users?limit=100`, { headers });
      const listed = (await answer.json()) as UserList | { message: string };
      if (!('users' in listed) || listed.users.length !== 100 || listed.next_cursor === null) throw new Error(`GET /api/users?limit=100 answered ${answer.status}, not a full page: ${JSON.stringify(listed).slice(0, 200)}`);
      for (const [name, path] of [
        ['GET /api/users?limit=100', '/api/users?limit=100'],
        ['GET /api/users?limit=100&cursor=<near the end>', `/api/users?limit=100&cursor=${deep.next}`],
      ] as const) {
        for (const connections of [1, 10]) {
          await autocannon({ url: app.url + path, headers, connections, duration: 2 });
          const result = await autocannon({ url: app.url + path, headers, connections, duration: 10 });
          const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
          const ok = result.statusCodeStats['200']?.count ?? 0;
          console.log(`${name}, ${connections} connection(s): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, ${answered - ok + result.errors} not 200`);
        }
      }
    } finally {
      await app.stop();
    }
  } finally {
    await db.close();
    await redis.dispose();
    await postgres.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
