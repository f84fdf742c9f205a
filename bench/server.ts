import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The secret and password the bench server runs with: fixed, local, never deployed. */
export const BENCH_SECRET = 'bench-only-secret-0123456789abcdefghijklmnop';
/** The ES256 key that signs the bench server's access tokens (production requires one): local, never deployed. */
export const BENCH_SIGNING_KEY = '{"kty":"EC","crv":"P-256","x":"xaDQMbSPLIry3oHmfKyicX-qMEj9nDFveiGwrOOug7Q","y":"Yqud1p3HW_wv17ToeBpiq4rLLkPz5PH7BSh3juCtLyA","d":"4Q2we8R9nuM8csCTjxlkFR7gVmIhR3EN8rtrhVuKMK4"}';
export const BENCH_PASSWORD = 'bench-password-0123456789';

/** The users the bench server seeds: `bench`, an admin, and `many`, who logs in from many places. */
// `login` is the one the login scenarios log in as, again and again: each login starts a session, and
// past a user's 100 the oldest end, so no other scenario's token may belong to that user.
export const BENCH_USERS = { admin: 'bench', many: 'many' } as const;
// The logins' own users, one per login at once: a crowd of logins of one name is held back by the
// throttle (each reserves a failure before it hashes), and a crowd of different users is not.
export const LOGIN_USERS = Array.from({ length: 20 }, (_, i) => `logins-${i}`);

export interface Server {
  url: string;
  /** The server process's CPU time so far (user + system), in ms; null off Linux. */
  cpuMs(): number | null;
  /** The server process's resident memory now, in MiB; null off Linux. */
  rssMiB(): number | null;
  stop(): Promise<void>;
}

const nextBin = require.resolve('next/dist/bin/next');

/** Starts `next start` in `dir` on loopback with the bench environment, plus `env`, and waits until it answers. */
export async function startServer(port: number, dir: string, env: Record<string, string> = {}): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      JWT_SECRET: BENCH_SECRET,
      JWT_SIGNING_KEY: BENCH_SIGNING_KEY,
      JWT_PREVIOUS_PUBLIC_KEYS: '',
      JWT_PREVIOUS_SECRETS: '',
      TOKEN_TTL_SECONDS: '',
      DEMO_PASSWORD: BENCH_PASSWORD,
      SEED_USERS: [`${BENCH_USERS.admin}:admin:${BENCH_PASSWORD}`, ...[BENCH_USERS.many, ...LOGIN_USERS].map((name) => `${name}:user:${BENCH_PASSWORD}`)].join(';'),
      LOGIN_MAX_FAILURES: '',
      LOGIN_MAX_FAILURES_PER_IP: '',
      // A locked name stays locked for the whole run, so that its scenario answers 429 throughout.
      LOGIN_LOCK_SECONDS: '3600',
      TRUST_PROXY: '',
      // Sessions on the Redis the bench starts, with access tokens that outlast the whole run.
      ACCESS_TTL_SECONDS: '3600',
      REFRESH_TTL_SECONDS: '',
      REFRESH_GRACE_SECONDS: '',
      AUTH_STORE: '',
      KV_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilUp(`${url}/unprotected`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, cpuMs: () => processCpuMs(child.pid!), rssMiB: () => processRssMiB(child.pid!) };
}

let ticksPerSecond: number | undefined;

function processCpuMs(pid: number): number | null {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticksPerSecond ??= Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }));
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

function processRssMiB(pid: number): number | null {
  try {
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB === undefined ? null : Number(kB) / 1024;
  } catch {
    return null;
  }
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}; is the port taken?`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url} within 60 s.`);
}
