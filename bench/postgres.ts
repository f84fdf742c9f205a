import pg from 'pg';
import { startPostgresServer } from '../test/postgres-server';

// npm run db:migrate's own function. Imported when used: a plain ES module with a top-level await,
// which the bench's CommonJS cannot require.
async function migrate(url: string): Promise<string[]> {
  // @ts-expect-error: a plain script, run by node on deploy; it has no type declarations.
  const { migrate: run } = (await import('../scripts/db-migrate.mjs')) as { migrate: (url: string) => Promise<string[]> };
  return run(url);
}

export interface BenchPostgres {
  /** The URL of each database asked for, migrated, in the order asked. */
  urls: string[];
  dispose(): Promise<void>;
}

/** A throwaway PostgreSQL, as the tests start one, with a migrated database of each name. */
export async function startBenchPostgres(...databases: string[]): Promise<BenchPostgres> {
  const server = await startPostgresServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    // Names of ours, not input: identifiers cannot be parameters.
    for (const name of databases) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const urls = databases.map((name) => server.urlFor(name));
    for (const url of urls) await migrate(url);
    return { urls, dispose: () => server.dispose() };
  } catch (error) {
    await server.dispose();
    throw error;
  }
}
