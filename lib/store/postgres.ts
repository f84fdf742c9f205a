import 'server-only';
import pg from 'pg';
import { STORE_TIMEOUT_MS } from './redis';
import { StoreUnavailableError } from './unavailable';

/** The most connections one process opens: a serverless Postgres counts every instance's. */
export const POOL_MAX = 5;

/** A query's runner: the pool itself, or one client inside a transaction. */
export type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

// SQLSTATE classes that mean the server cannot serve now, not that a statement of ours is wrong:
// connection exceptions, a shutdown or a recovery under way, too many connections, a cancelled
// (timed-out) statement or lock wait.
const UNAVAILABLE = /^(08|53|57P0|57014|55P03)/;
const UNDEFINED_TABLE = '42P01';

/**
 * A pool of connections to PostgreSQL, shared by the user directory, the to-dos and, without a
 * Redis, the sessions and the login throttle. Every call is bounded (STORE_TIMEOUT_MS: connecting,
 * waiting for a free connection and each statement) and fails closed with StoreUnavailableError;
 * a statement error of ours (a broken constraint, bad SQL) surfaces as itself. The pool reconnects by itself; an outage is logged once each way,
 * never with the URL. Parameterized queries only: `$1`, never a value spliced into SQL.
 */
export class PostgresConnection {
  private readonly pool: pg.Pool;
  private down = false;
  private schemaBehind = false;
  /**
   * Counts the times the database answered again after an outage: it may have come back from a
   * backup, or as another server, without what this process put there once (the seeded users).
   */
  recoveries = 0;

  constructor(url: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: POOL_MAX,
      // A frozen or unreachable server fails in bounded time: connecting and waiting for a pooled
      // connection (connectionTimeoutMillis), and a statement sent on an open connection that
      // never answers (query_timeout, a timer in this process, since a frozen server enforces
      // nothing). A client whose statement timed out is thrown away, not handed out again.
      connectionTimeoutMillis: STORE_TIMEOUT_MS,
      query_timeout: STORE_TIMEOUT_MS,
      // Idle connections close soon: a serverless Postgres scales to zero, and counts them.
      idleTimeoutMillis: 10_000,
    });
    // An idle connection the server ended (a restart): the pool drops it and opens another later.
    this.pool.on('error', (error) => this.failed(error));
  }

  /** Runs one parameterized statement and returns its rows. */
  query: Query = (text, values) => this.bounded(async () => (await this.pool.query(text, values)).rows);

  /**
   * Runs `work` in one transaction on one connection: committed when it returns, rolled back when
   * it throws. Its statements, lock waits included, stop at STORE_TIMEOUT_MS on the server too.
   */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.bounded(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN; SET LOCAL statement_timeout = ${STORE_TIMEOUT_MS}`);
        const result = await work(async (text, values) => (await client.query(text, values)).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: closed, not pooled.
        client.release(broken);
      }
    });
  }

  /** Closes every connection (tests, and a server shutting down). */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async bounded<T>(call: () => Promise<T>): Promise<T> {
    try {
      const answer = await call();
      if (this.down) {
        console.error('PostgreSQL is reachable again.');
        this.recoveries++;
      }
      this.down = false;
      return answer;
    } catch (error) {
      if (error instanceof pg.DatabaseError && error.code === UNDEFINED_TABLE) {
        // A deploy that skipped its migrations: the server is up, the schema is behind the code.
        if (!this.schemaBehind) console.error('PostgreSQL lacks a table this version needs: run npm run db:migrate against DATABASE_URL.');
        this.schemaBehind = true;
        throw new StoreUnavailableError('The database schema is behind the code.', { cause: error });
      }
      if (!isUnavailable(error)) throw error;
      this.failed(error as Error);
      throw new StoreUnavailableError('PostgreSQL cannot be reached.', { cause: error });
    }
  }

  private failed(error: Error) {
    const why = (error as NodeJS.ErrnoException).code ?? error.message;
    if (!this.down) console.error(`PostgreSQL is unreachable (${why}); the routes that need it answer 503 until it is back.`);
    this.down = true;
  }
}

/** True for an error that says the server could not serve, rather than that a statement was wrong. */
function isUnavailable(error: unknown): boolean {
  // A DatabaseError is the server's answer, with a SQLSTATE. The connection's own failures are a
  // socket's errno (refused, reset) or, having no code, one of pg's few sentences: terminated,
  // timed out, not queryable. Anything else (a bug in our code) surfaces as itself.
  if (error instanceof pg.DatabaseError) return UNAVAILABLE.test(error.code ?? '');
  if (!(error instanceof Error)) return false;
  return (error as NodeJS.ErrnoException).code !== undefined || /Connection terminated|timeout|not queryable/i.test(error.message);
}
