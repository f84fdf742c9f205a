import { sessionCookieNames, type SessionTokenBody } from '@/lib/contract';

// The bench runs production builds, whose cookies carry their prefix.
const { refresh: REFRESH_COOKIE } = sessionCookieNames(true);
import { basic, median } from './load';
import { BENCH_PASSWORD } from './server';

export interface RefreshResult {
  refreshes: number;
  p50Ms: number;
  p99Ms: number;
}

const cookieOf = (response: Response, name: string) =>
  response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/**
 * `POST /auth/refresh` one at a time, as one client refreshes: each request presents the refresh
 * cookie the last one set, so every refresh is a real rotation in Redis, not a replay.
 */
export async function runRefresh(baseUrl: string, refreshes: number): Promise<RefreshResult> {
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { authorization: basic('bench', BENCH_PASSWORD) },
  });
  const { csrf_token: csrf } = (await login.json()) as SessionTokenBody;
  let cookie = cookieOf(login, REFRESH_COOKIE);
  const timings: number[] = [];
  for (let i = 0; i < refreshes; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/auth/refresh`, {
      method: 'POST',
      headers: { cookie: cookie!, origin: baseUrl, 'x-csrf-token': csrf },
    });
    await response.arrayBuffer();
    timings.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`/auth/refresh answered ${response.status} on refresh ${i + 1}.`);
    cookie = cookieOf(response, REFRESH_COOKIE);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  return { refreshes, p50Ms: median(timings), p99Ms: sorted[Math.floor(sorted.length * 0.99)]! };
}
