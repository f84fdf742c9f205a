import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '@/test/redis-server';
import { DEFAULT_THROTTLE } from './throttle';
import { tutorialGuard } from './guard';

describe("the tutorial login's guard", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('counts in this process when the store cannot be reached: a local limit, never none, said once in the log', async () => {
    vi.stubEnv('REDIS_URL', `redis://127.0.0.1:${await freePort()}`);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const request = new Request('http://localhost/login');
    const answers = [];
    for (let i = 0; i < DEFAULT_THROTTLE.maxFailuresPerIp + 1; i++) answers.push(await tutorialGuard(request)('anyone', async () => null));
    expect(answers.slice(0, -1).every((a) => !a.ok && a.failure.kind === 'bad_credentials')).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false, failure: { kind: 'throttled' } });
    const fallbackLines = log.mock.calls.filter(([line]) => String(line).includes('GET /login counts its failures'));
    expect(fallbackLines).toHaveLength(1);
  }, 15_000);
});
