import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, migrate } from '@/test/postgres-databases';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
};

const rows = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

const tables = (url: string) => rows(url, "select table_name from information_schema.tables where table_schema = 'public' order by 1");

describe('npm run db:migrate', () => {
  it("applies the project's migrations once: a second run applies nothing", async () => {
    const url = await freshDatabase();
    expect(await migrate(url)).toContain('001_users_todos.sql');
    expect(await migrate(url)).toEqual([]);
    expect((await tables(url)).map((t) => t.table_name)).toEqual(['schema_migrations', 'seeded_names', 'sessions', 'throttle_buckets', 'todos', 'users']);
  });

  it('leaves the schema as it was when a file fails, and applies it once it is fixed', async () => {
    const url = await freshDatabase();
    const good = { '001_a.sql': 'create table a (n int);' };
    await migrate(url, folder(good));
    const broken = { ...good, '002_b.sql': 'create table b (n int); insert into b values (1); select * from no_such_table;' };
    await expect(migrate(url, folder(broken))).rejects.toThrow(/^002_b.sql failed, and nothing of it was applied: relation "no_such_table" does not exist/);
    expect((await tables(url)).map((t) => t.table_name)).toEqual(['a', 'schema_migrations']);
    expect(await rows(url, 'select name from schema_migrations')).toEqual([{ name: '001_a.sql' }]);
    expect(await migrate(url, folder({ ...good, '002_b.sql': 'create table b (n int);' }))).toEqual(['002_b.sql']);
  });

  it('applies each file once when 20 migrators start at the same moment', async () => {
    const url = await freshDatabase();
    const dir = folder({ '001_a.sql': 'create table a (n int);', '002_b.sql': 'alter table a add column m int;' });
    const applied = (await Promise.all(Array.from({ length: 20 }, () => migrate(url, dir)))).flat();
    expect(applied.sort()).toEqual(['001_a.sql', '002_b.sql']);
    expect(await rows(url, 'select count(*)::int as n from schema_migrations')).toEqual([{ n: 2 }]);
  });
});
