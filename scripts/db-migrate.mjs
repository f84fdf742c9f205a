// npm run db:migrate: applies migrations/NNN_*.sql to DATABASE_URL, in order, each once. Each file
// runs in its own transaction with its record in schema_migrations, so a file that fails leaves
// the schema as it was; a session advisory lock lets one migrator at a time in, so that deploys
// started at once never apply a file twice.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
// Any fixed number, the same for every migrator of this app.
const LOCK = 7_300_001;

/** Applies the files of `dir` not yet recorded; returns the names it applied. */
export async function migrate(url, dir = MIGRATIONS) {
  const files = readdirSync(dir).filter((name) => /^\d+_.+\.sql$/.test(name)).sort();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query('SELECT name FROM schema_migrations')).rows.map((row) => row.name));
    const applied = [];
    for (const name of files.filter((file) => !done.has(file))) {
      try {
        await client.query('BEGIN');
        await client.query(readFileSync(path.join(dir, name), 'utf8'));
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`${name} failed, and nothing of it was applied: ${error.message}`, { cause: error });
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: set it to the PostgreSQL to migrate (postgres://user:password@host/database).');
    process.exit(1);
  }
  try {
    const applied = await migrate(url);
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Nothing to apply: the schema is up to date.');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
