import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HOW_TO_GET_ONE = 'No redis-server found: `apt-get install -y redis-server` (Debian), `brew install redis`, or set REDIS_SERVER.';

/** The redis-server binary to run: REDIS_SERVER, else the one on PATH. Throws one clear sentence when there is none. */
export function redisServerBinary(): string {
  const binary = process.env.REDIS_SERVER || 'redis-server';
  if (spawnSync(binary, ['--version']).status !== 0) throw new Error(HOW_TO_GET_ONE);
  return binary;
}

/** A free TCP port on loopback, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server, as an outage would; start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP), as a partition or a blocked Redis does: connections stay open, nothing answers. */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT): it then carries out what it was sent meanwhile. */
  thaw(): void;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a throwaway redis-server on loopback (no persistence, its own directory) and waits until it answers. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const binary = redisServerBinary();
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-test-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(binary, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    await waitForPort(chosen);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
      // A frozen server must run again to act on SIGTERM.
      running.kill('SIGCONT');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    start,
    stop,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}.`);
}
