import pg from 'pg';
import { startPostgresServer } from '../test/postgres-server';
import { POSTGRES_DATABASES, POSTGRES_PORT } from './server';

// The e2e run's PostgreSQL, started by playwright.config.ts as a webServer (Playwright starts its
// webServers before any globalSetup, so the servers after it can wait for a process, not a setup
// hook): a throwaway server on POSTGRES_PORT with one empty database per server configuration.
// Each server's command migrates its own database with `npm run db:migrate`, as a deploy does.
// Prints READY once the databases exist; stops the server and removes its directory on SIGTERM.

async function main() {
  const server = await startPostgresServer(POSTGRES_PORT);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= server.dispose().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  // Names of ours, not input: identifiers cannot be parameters.
  for (const name of Object.values(POSTGRES_DATABASES)) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  // The running postgres keeps this process up until Playwright ends the run.
  console.log(`PostgreSQL READY on port ${POSTGRES_PORT}: ${Object.values(POSTGRES_DATABASES).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
