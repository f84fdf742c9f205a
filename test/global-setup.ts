import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server';

// One PostgreSQL for the whole run (initdb takes about a second): each test file makes databases
// of its own on it (test/postgres-databases.ts), so that files running at once never share rows.
// A test that stops, kills or freezes a server starts one of its own.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL, its `postgres` database as the superuser. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.dispose();
}
