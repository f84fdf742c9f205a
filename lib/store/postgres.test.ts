import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgresServer, type PostgresServer } from '@/test/postgres-server';
import { PostgresConnection } from './postgres';
import { STORE_TIMEOUT_MS } from './redis';

// A server of its own per test: these stop, kill and freeze it.
let server: PostgresServer;
let db: PostgresConnection;
beforeAll(async () => {
  server = await startPostgresServer();
  db = new PostgresConnection(server.url);
  await db.query('create table kept (id text primary key)');
});
afterAll(async () => {
  await db.close();
  await server.dispose();
});

const timed = async (call: Promise<unknown>) => {
  const started = performance.now();
  await expect(call).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  return performance.now() - started;
};

describe('the PostgreSQL connection', () => {
  it('passes values as parameters, never as SQL', async () => {
    const hostile = "x'); drop table kept; --";
    await db.query('insert into kept (id) values ($1)', [hostile]);
    expect(await db.query('select id from kept where id = $1', [hostile])).toEqual([{ id: hostile }]);
  });

  it('lets a broken constraint surface as itself, not as an outage', async () => {
    await db.query('insert into kept (id) values ($1)', ['twice']);
    await expect(db.query('insert into kept (id) values ($1)', ['twice'])).rejects.toMatchObject({ code: '23505' });
  });

  it('rolls a transaction back when its work throws', async () => {
    await expect(db.transaction(async (query) => {
      await query('insert into kept (id) values ($1)', ['rolled-back']);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await db.query('select id from kept where id = $1', ['rolled-back'])).toEqual([]);
  });

  it('answers a schema behind the code (migrations not run) as unavailable, and says in the log what to run', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (let i = 0; i < 3; i++) await expect(db.query('select * from not_migrated_yet')).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(log, 'once, not once per request').toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('npm run db:migrate'));
    log.mockRestore();
  });

  it('fails closed within 5 s when the server is killed, says so once, and recovers by itself after a restart', { timeout: 20_000 }, async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await db.query('insert into kept (id) values ($1)', ['before-the-crash']);
    await server.kill();
    for (const ms of await Promise.all(Array.from({ length: 20 }, () => timed(db.query('select 1'))))) expect(ms).toBeLessThan(5000);
    expect(await timed(db.transaction((query) => query('select 1')))).toBeLessThan(5000);
    await server.start();
    await expect.poll(() => db.query('select id from kept where id = $1', ['before-the-crash']).catch(() => 'down'), { timeout: 10_000 })
      .toEqual([{ id: 'before-the-crash' }]);
    const lines = log.mock.calls.map(([line]) => String(line));
    expect(lines.filter((line) => line.startsWith('PostgreSQL is unreachable'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('PostgreSQL is reachable again.');
    expect(lines.join('\n')).not.toContain(server.url);
    log.mockRestore();
  });

  it('answers within its bound while the server is frozen, loses nothing, and serves again once thawed', { timeout: 20_000 }, async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await db.query('insert into kept (id) values ($1)', ['before-the-freeze']);
    server.freeze();
    const waits = await Promise.all([
      ...Array.from({ length: 20 }, () => timed(db.query('select id from kept'))),
      timed(db.transaction((query) => query('select id from kept for update'))),
    ]);
    server.thaw();
    for (const ms of waits) expect(ms).toBeLessThan(2 * STORE_TIMEOUT_MS + 500);
    await expect.poll(() => db.query('select id from kept where id = $1', ['before-the-freeze']).catch(() => 'down'), { timeout: 10_000 })
      .toEqual([{ id: 'before-the-freeze' }]);
    log.mockRestore();
  });
});
