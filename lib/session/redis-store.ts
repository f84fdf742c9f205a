import 'server-only';
import { createClient, defineScript, ErrorReply, type RedisClientType } from 'redis';
import { StoreUnavailableError, type RotateRequest, type Rotation, type SessionRecord, type SessionStore, type SpentToken } from './store';

// One hash per session, `session:<sid>`, that expires with the session: the store never grows
// without bound. Fields: user, accessTtl, end, jti, iat (the live refresh token), and prevJti,
// prevIat, rotatedAt (the token it replaced, and when).
const key = (sid: string) => `session:${sid}`;

/** The longest any call waits for Redis, connecting included, before it fails with StoreUnavailableError. */
export const STORE_TIMEOUT_MS = 2000;

// The check-and-swap of a rotation, in one script, so that two instances racing on one refresh
// token cannot both branch: Redis runs a script with nothing else in between. It first checks the
// deadline against Redis's own clock: a rotation that waited in a frozen Redis's socket until its
// caller gave up must not spend the cookie that caller still holds.
const ROTATE = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
    local time = redis.call('TIME')
    if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) > tonumber(ARGV[7]) then return {'late'} end
    local live = redis.call('HMGET', KEYS[1], 'jti', 'prevJti', 'rotatedAt', 'end', 'accessTtl', 'iat')
    local presented, now, grace = ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[5])
    -- Past its end a session only lingers for its last access tokens: it is never refreshed.
    if not live[1] or now >= tonumber(live[4]) * 1000 then return {'unknown'} end
    local outcome
    if presented == live[1] then
      redis.call('HSET', KEYS[1], 'prevJti', presented, 'prevIat', live[6], 'rotatedAt', now, 'jti', ARGV[2], 'iat', ARGV[3])
      -- keyExpiry() in store.ts
      local expiresAt = math.min(tonumber(ARGV[6]), tonumber(live[4]) * 1000) + tonumber(live[5]) * 1000
      redis.call('PEXPIREAT', KEYS[1], expiresAt)
      outcome = 'rotated'
    elseif presented == live[2] and now - tonumber(live[3]) < grace then
      outcome = 'replayed'
    else
      redis.call('DEL', KEYS[1])
      return {'reused'}
    end
    return {outcome, unpack(redis.call('HMGET', KEYS[1], 'user', 'accessTtl', 'end', 'jti', 'iat'))}
  `,
  parseCommand(parser, sid: string, r: RotateRequest) {
    parser.pushKey(key(sid));
    parser.push(r.presented, r.next.jti, String(r.next.iat), String(r.now), String(r.graceMs), String(r.refreshExpiresAt), String(r.deadline));
  },
  transformReply: (reply: unknown) => reply as string[],
});

type Client = RedisClientType<Record<string, never>, Record<string, never>, { rotateSession: typeof ROTATE }>;

/** Sessions in Redis, through the official client: shared by every instance, and fails closed when unreachable. */
export class RedisStore implements SessionStore {
  private readonly client: Client;
  private connecting: Promise<unknown> | undefined;
  private down = false;
  /** A call has timed out on an open connection (a frozen or overloaded Redis), and none has answered since. */
  private silent = false;

  constructor(url: string) {
    this.client = createClient({
      url,
      scripts: { rotateSession: ROTATE },
      // While Redis is unreachable, answer at once (503) instead of queueing requests until it
      // is back; reconnect in the background, so the routes recover by themselves.
      disableOfflineQueue: true,
      socket: { connectTimeout: STORE_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
    }) as Client;
    // Log the outage once, not every retry; never the URL, which may hold a password.
    this.client.on('error', (error: Error) => {
      const why = (error as NodeJS.ErrnoException).code ?? error.message;
      if (!this.down) console.error(`Redis is unreachable (${why}); session routes answer 503 until it is back.`);
      this.down = true;
    });
    this.client.on('ready', () => {
      if (this.down) console.error('Redis is reachable again.');
      this.down = false;
    });
  }

  async create(sid: string, session: SessionRecord, expiresAt: number): Promise<void> {
    await this.run((c) =>
      c.multi().hSet(key(sid), { ...session }).pExpireAt(key(sid), expiresAt).exec(),
    );
  }

  async isLive(sid: string): Promise<boolean> {
    return (await this.run((c) => c.exists(key(sid)))) === 1;
  }

  async rotate(sid: string, request: RotateRequest): Promise<Rotation> {
    const [outcome, ...fields] = await this.run((c) => c.rotateSession(sid, request));
    if (outcome === 'unknown' || outcome === 'reused' || outcome === 'late') return { outcome };
    const [user, accessTtl, end, jti, iat] = fields as string[];
    const session = { user: user!, accessTtl: Number(accessTtl), end: Number(end), jti: jti!, iat: Number(iat) };
    return { outcome: outcome as 'rotated' | 'replayed', session };
  }

  async revoke(sid: string): Promise<void> {
    await this.run((c) => c.del(key(sid)));
  }

  async spent(sid: string): Promise<SpentToken | null> {
    const [jti, iat, rotatedAt, end] = await this.run((c) => c.hmGet(key(sid), ['prevJti', 'prevIat', 'rotatedAt', 'end']));
    return jti ? { jti, iat: Number(iat), rotatedAt: Number(rotatedAt), end: Number(end) } : null;
  }

  /** Closes the connection (tests, and a server shutting down). */
  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  // Any failure but a reply from Redis itself means Redis could not be reached: a reply error
  // is a bug in a command of ours, and surfaces as one. Bounded by our own timer: the client's
  // command timeout stops counting once a command is written to the socket, so a frozen Redis,
  // whose socket stays open, would otherwise keep the caller waiting until it thaws.
  private async run<T>(command: (client: Client) => Promise<T>): Promise<T> {
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

  private async send<T>(command: (client: Client) => Promise<T>): Promise<T> {
    try {
      // Every call waits for a connection under way, not only the one that began it: the client is
      // open before it is ready, and without an offline queue a command sent then is refused.
      if (!this.client.isOpen) this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
      if (this.connecting) await this.connecting;
      return await command(this.client);
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      throw new StoreUnavailableError('Redis cannot be reached.', { cause: error });
    }
  }
}
