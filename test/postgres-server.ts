import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './redis-server';

const HOW_TO_GET_ONE = 'No PostgreSQL found: `apt-get install -y postgresql` (Debian), `brew install postgresql`, or set POSTGRES_BIN to the folder holding initdb and postgres.';

/**
 * The folder of initdb and postgres: POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/<n>/bin,
 * else the one `pg_config --bindir` names. Throws one clear sentence when there is none.
 */
export function postgresBinaries(): string {
  const debian = '/usr/lib/postgresql';
  const newest = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  const fromPath = () => spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' }).stdout?.trim();
  const dir = process.env.POSTGRES_BIN || (newest ? path.join(debian, newest, 'bin') : fromPath());
  if (!dir || !existsSync(path.join(dir, 'initdb'))) throw new Error(HOW_TO_GET_ONE);
  return dir;
}

// initdb and postgres refuse to run as root: as root, run them as the `postgres` user the package
// makes, in a directory it owns.
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const [uid, gid] = [id('-u'), id('-g')];
  if (!Number.isInteger(uid) || uid === 0) throw new Error('Running as root, and there is no `postgres` user to run PostgreSQL as: `useradd --system postgres`.');
  return { uid, gid };
}

export interface PostgresServer {
  /** The server's own `postgres` database, as its superuser, with trust authentication. */
  url: string;
  port: number;
  /** A URL for another database on the same server. */
  urlFor(database: string): string;
  /** Shuts the server down (a fast shutdown); start() brings it back on the same port and data. */
  stop(): Promise<void>;
  /** Kills the server and its backends outright (SIGKILL), as a crash does; start() recovers it. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server and every backend (SIGSTOP): connections stay open, nothing answers. */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT): it then carries out what it was sent meanwhile. */
  thaw(): void;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL on loopback: initdb in a fresh temporary directory, trust
 * authentication, TCP only, no fsync (a test's data need not survive the machine, only the
 * server; commits stay synchronous, so that a killed server keeps what it said it committed), and
 * waits until it accepts connections.
 */
export async function startPostgresServer(port?: number): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const user = runAs();
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'postgres-test-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
    ...user,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = ['-D', data, '-p', String(chosen), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
    child = spawn(path.join(bin, 'postgres'), args, { ...user, stdio: 'ignore' });
    await waitForServer(chosen, child);
  };
  // The postmaster and every backend: each backend leads a process group of its own, so a signal
  // to the postmaster's group would leave open connections answering.
  const signal = (name: NodeJS.Signals, running = child) => {
    if (running?.pid === undefined || running.exitCode !== null) return;
    for (const pid of [running.pid, ...childrenOf(running.pid)]) {
      try {
        process.kill(pid, name);
      } catch {
        // A backend that ended meanwhile.
      }
    }
  };
  const end = async (name: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      signal(name, running);
      // A frozen server must run again to act on the signal.
      signal('SIGCONT', running);
    });
    // The postmaster is gone; its backends go with it, but a killed one may take a moment.
    await waitForClosed(chosen);
  };
  await start();
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${chosen}/${database}`;
  return {
    url: urlFor('postgres'),
    port: chosen,
    urlFor,
    start,
    // SIGINT is PostgreSQL's fast shutdown: it ends the sessions and stops at once.
    stop: () => end('SIGINT'),
    kill: () => end('SIGKILL'),
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    dispose: async () => {
      await end('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(pid: number): number[] {
  const found = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout ?? '';
  return found.split('\n').filter(Boolean).map(Number);
}

// Open as soon as the postmaster listens, though it may still be recovering: a startup packet
// answered with anything but "starting up" (an error of code 57P03) means it is ready.
async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode} on port ${port}.`);
    if ((await probe(port)) === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`postgres did not start on port ${port}.`);
}

async function waitForClosed(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await probe(port)) === 'closed') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Sends a startup packet for a database that does not exist: a ready server answers with an
// ErrorResponse naming it (3D000), one still starting with 57P03.
async function probe(port: number): Promise<'closed' | 'starting' | 'ready'> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const params = Buffer.from('user\0postgres\0database\0probe-only\0\0');
    const packet = Buffer.alloc(8 + params.length);
    packet.writeInt32BE(packet.length, 0);
    packet.writeInt32BE(196608, 4); // protocol 3.0
    params.copy(packet, 8);
    let answer = '';
    socket.on('connect', () => socket.write(packet));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\0')) socket.destroy();
    });
    socket.on('close', () => resolve(answer === '' ? 'closed' : answer.includes('C57P03') ? 'starting' : 'ready'));
    socket.on('error', () => {});
    socket.setTimeout(1000, () => socket.destroy());
  });
}
