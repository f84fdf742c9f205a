import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './redis-server';

const HOW_TO_GET_ONE = 'No nginx found: `apt-get install -y nginx` (Debian), `brew install nginx`, or set NGINX.';

/**
 * The proxy settings of docs/DEPLOYING.md for TRUST_PROXY=1, as they are there: the client's
 * address appended to X-Forwarded-For, and the Host and scheme the browser used. A test reads the
 * lines between the markers of that doc's block, so the two cannot drift apart.
 */
export const PROXY_HEADERS = `proxy_set_header Host $http_host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Host $http_host;
proxy_set_header X-Forwarded-Proto $scheme;`;

/** The nginx binary to run: NGINX, else the one on PATH or in /usr/sbin. Throws one clear sentence when there is none. */
export function nginxBinary(): string {
  for (const binary of [process.env.NGINX, 'nginx', '/usr/sbin/nginx']) {
    if (binary && spawnSync(binary, ['-v']).status === 0) return binary;
  }
  throw new Error(HOW_TO_GET_ONE);
}

export interface Nginx {
  url: string;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/**
 * Starts Debian's nginx on a free loopback port in front of `upstreams` (round robin), with
 * PROXY_HEADERS, in a directory of its own. For the tests only, each answer says which upstream
 * gave it, in `X-Upstream`.
 */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const binary = nginxBinary();
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'nginx-test-'));
  // Run as root, nginx's workers drop to `nobody`, who must reach the temporary paths.
  chmodSync(dir, 0o755);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/${kind};`).join('\n    ');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
error_log ${dir}/error.log;
pid ${dir}/nginx.pid;
events {}
http {
  access_log off;
  ${temp}
  upstream app {
    ${upstreams.map((url) => `server ${new URL(url).host};`).join('\n    ')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      ${PROXY_HEADERS.replace(/\n/g, '\n      ')}
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${errors.trim()}`);
    if ((await fetch(`${url}/unprotected`).catch(() => null))?.ok) break;
    if (attempt === 100) throw new Error(`nginx did not answer on port ${port}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    dispose: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
