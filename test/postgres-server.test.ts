import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type PostgresServer } from './postgres-server';

// The fault tests lean on these: a killed server comes back with its data, a frozen one answers nothing.

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(() => server.dispose());

const query = async (sql: string) => {
  const client = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('the test PostgreSQL', () => {
  it('keeps its data across a kill and a restart on the same port', async () => {
    await query('create table kept (n int); insert into kept values (7)');
    await server.kill();
    await expect(query('select 1')).rejects.toThrow(/ECONNREFUSED/);
    await server.start();
    expect(await query('select n from kept')).toEqual([{ n: 7 }]);
  });

  it('answers nothing while frozen, on a connection opened before, and answers again once thawed', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    server.freeze();
    const answer = client.query('select 1 as n');
    const settled = await Promise.race([answer.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 500, 'silent'))]);
    server.thaw();
    expect(settled).toBe('silent');
    expect((await answer).rows).toEqual([{ n: 1 }]);
    await client.end();
  });
});
