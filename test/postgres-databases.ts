import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
// @ts-expect-error: a plain script, run by node on deploy; it has no type declarations.
import { migrate as untyped } from '../scripts/db-migrate.mjs';

/** scripts/db-migrate.mjs's migrate(): applies the files of `dir` (the project's by default) not yet applied. */
export const migrate = untyped as (url: string, dir?: string) => Promise<string[]>;

/** A new, empty database on the run's PostgreSQL (test/global-setup.ts); returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = inject('postgresUrl');
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // A name of ours, not input: identifiers cannot be parameters.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}

/** A new database with the project's migrations applied. */
export async function migratedDatabase(): Promise<string> {
  const url = await freshDatabase();
  await migrate(url);
  return url;
}
