import 'server-only';
import { createHash } from 'node:crypto';
import { createClient, ErrorReply, type RedisClientType } from 'redis';
import { StoreUnavailableError } from './unavailable';

/** The longest any call waits for Redis, connecting included, before it fails with StoreUnavailableError. */
export const STORE_TIMEOUT_MS = 2000;

export type Client = RedisClientType<Record<string, never>, Record<string, never>, Record<string, never>>;

/** A Lua script, sent by its SHA-1 once Redis knows it. */
export interface Script {
  source: string;
  sha: string;
}

/** Names a Lua script for `RedisConnection.eval`. */
export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * One connection to Redis, shared by the session store, the user directory, the login throttle and
 * the to-dos. Every call is bounded (STORE_TIMEOUT_MS) and fails closed with StoreUnavailableError;
 * the connection comes back by itself; an outage is logged once each way, never with the URL.
 */
export class RedisConnection {
  private readonly client: Client;
  private connecting: Promise<unknown> | undefined;
  private down = false;
  /**
   * Counts the connections made: a new one may be to a Redis that restarted empty (no persistence),
   * so that what this process put there once, the seeded users, is put there again.
   */
  connections = 0;
  /** A call has timed out on an open connection (a frozen or overloaded Redis), and none has answered since. */
  private silent = false;

  constructor(url: string) {
    this.client = createClient({
      url,
      // While Redis is unreachable, answer at once (503) instead of queueing requests until it
      // is back; reconnect in the background, so the routes recover by themselves.
      disableOfflineQueue: true,
      socket: { connectTimeout: STORE_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
    }) as Client;
    this.client.on('error', (error: Error) => {
      const why = (error as NodeJS.ErrnoException).code ?? error.message;
      if (!this.down) console.error(`Redis is unreachable (${why}); session routes answer 503 until it is back.`);
      this.down = true;
    });
    this.client.on('ready', () => {
      if (this.down) console.error('Redis is reachable again.');
      this.down = false;
      this.connections++;
    });
  }

  /**
   * Runs `command` on the connection, within STORE_TIMEOUT_MS. Any failure but a reply from Redis
   * itself means Redis could not be reached: a reply error is a bug in a command of ours, and
   * surfaces as one. Bounded by our own timer: the client's command timeout stops counting once a
   * command is written to the socket, so a frozen Redis, whose socket stays open, would otherwise
   * keep the caller waiting until it thaws.
   */
  async run<T>(command: (client: Client) => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (!this.silent && !this.down) console.error(`Redis did not answer within ${STORE_TIMEOUT_MS} ms; session routes answer 503 until it does.`);
        this.silent = true;
        reject(new StoreUnavailableError(`Redis did not answer within ${STORE_TIMEOUT_MS} ms.`));
      }, STORE_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([this.send(command), timeout]);
      if (this.silent) console.error('Redis is answering again.');
      this.silent = false;
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a Lua script, by its SHA-1 once Redis has it, within the same bound. */
  eval(lua: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    return this.run(async (client) => {
      try {
        return await client.evalSha(lua.sha, options);
      } catch (error) {
        // Redis forgets scripts on restart (and a new server never had them): send it whole once.
        if (error instanceof ErrorReply && error.message.startsWith('NOSCRIPT')) return client.eval(lua.source, options);
        throw error;
      }
    });
  }

  /** Closes the connection (tests, and a server shutting down). */
  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private async send<T>(command: (client: Client) => Promise<T>): Promise<T> {
    try {
      // Every call waits for a connection under way, not only the one that began it: the client is
      // open before it is ready, and without an offline queue a command sent then is refused.
      if (!this.client.isOpen) this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
      // While a connection is being retried after a failure, fail at once rather than wait out the bound.
      if (this.connecting && this.down) throw new Error('Redis is not connected.');
      if (this.connecting) await this.connecting;
      return await command(this.client);
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      throw new StoreUnavailableError('Redis cannot be reached.', { cause: error });
    }
  }
}
