import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAuthConfig } from './auth/config';
import { PAGE_SESSION_COOKIE } from './contract';
import { getCurrentUser, requireRole, requireUser, stores } from './dal';
import { startSession } from './session/sessions';

// The Data Access Layer with the cookie a login sets, on the memory store (NODE_ENV is "test").
// e2e/account.spec.ts runs it in the production build, behind the pages and their Server Actions.

// The request's Cookie header as a browser sends it: the jar's cookies, then any sent besides; and
// cookies() as Next's keeps them, one value a name, the last one sent.
const jar = new Map<string, string>();
const alsoSent: string[] = [];
const cookieHeader = () => [...[...jar].map(([name, value]) => `${name}=${value}`), ...alsoSent].join('; ');
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ cookie: cookieHeader() }),
  cookies: async () => {
    const kept = new Map(cookieHeader().split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    return { get: (name: string) => (kept.has(name) ? { name, value: kept.get(name)! } : undefined) };
  },
}));

/** Starts a session for `name`, as a login does, and keeps the pages' session cookie it sets. */
async function signIn(name: string) {
  const s = await stores();
  const issued = await startSession(getAuthConfig(), s.sessions, (await s.users.byName(name))!, 300, 'vitest');
  jar.set(PAGE_SESSION_COOKIE, issued.cookies.pageToken);
  return issued.body;
}

/** Where a redirect() thrown by `run` sends the browser. */
async function redirectedTo(run: () => Promise<unknown>) {
  const error = (await run().then(() => null, (e: unknown) => e)) as { digest?: string } | null;
  return error?.digest?.split(';')[2];
}

beforeEach(() => {
  vi.stubEnv('JWT_SECRET', 'dal-test-secret-0123456789abcdefghijkl');
  jar.clear();
  alsoSent.length = 0;
});
afterEach(() => vi.unstubAllEnvs());

describe('getCurrentUser', () => {
  it('answers who signed in as a small DTO: id, name, role and session, never a hash or a token', async () => {
    await signIn('alice');
    const user = await getCurrentUser();
    // Strict: no other field, not even one left undefined.
    expect(user).toStrictEqual({ id: expect.any(String), name: 'alice', role: 'admin', sid: expect.any(String) });
  });

  it('answers null without a cookie, for a tampered one, and for an API token put in its place', async () => {
    expect(await getCurrentUser()).toBeNull();
    const { access_token: access } = await signIn('alice');
    const page = jar.get(PAGE_SESSION_COOKIE)!;
    jar.set(PAGE_SESSION_COOKIE, page.slice(0, -2) + (page.endsWith('AA') ? 'BB' : 'AA'));
    expect(await getCurrentUser()).toBeNull();
    // The same session's access token: signed with the same key, but of another type.
    jar.set(PAGE_SESSION_COOKIE, access);
    expect(await getCurrentUser()).toBeNull();
  });

  it("answers null when the pages' cookie is sent twice, even with one of them valid", async () => {
    await signIn('bob');
    const bob = jar.get(PAGE_SESSION_COOKIE)!;
    await signIn('alice');
    alsoSent.push(`${PAGE_SESSION_COOKIE}=${bob}`);
    expect(await getCurrentUser()).toBeNull();
    alsoSent.length = 0;
    expect((await getCurrentUser())?.name).toBe('alice');
  });

  it('refuses a session ended in the store at once, though its cookie has not expired', async () => {
    await signIn('bob');
    const user = (await getCurrentUser())!;
    await (await stores()).sessions.revoke(user.sid);
    expect(await getCurrentUser()).toBeNull();
  });

  it('takes the role from the directory, not the cookie', async () => {
    const s = await stores();
    await signIn('bob');
    const bob = (await getCurrentUser())!;
    // The directory alone changed (the API's role change also ends the sessions): the cookie still says user.
    expect(await s.users.setRole(bob.id, 'admin')).toBe('changed');
    try {
      expect(await getCurrentUser()).toMatchObject({ name: 'bob', role: 'admin' });
    } finally {
      await s.users.setRole(bob.id, 'user');
    }
  });
});

describe('requireUser and requireRole', () => {
  it('send someone who is not signed in to /sign-in', async () => {
    expect(await redirectedTo(requireUser)).toBe('/sign-in');
    expect(await redirectedTo(() => requireRole('admin'))).toBe('/sign-in');
  });

  it('answer a user, and the admin role to an admin alone', async () => {
    await signIn('bob');
    expect(await requireUser()).toMatchObject({ name: 'bob', role: 'user' });
    expect(await requireRole('admin')).toBeNull();
    await signIn('alice');
    expect(await requireRole('admin')).toMatchObject({ name: 'alice', role: 'admin' });
  });
});

describe("the pages' session in use and idle", () => {
  const MINUTE = 60_000;
  const DAY = 86_400_000;
  const START = new Date('2026-06-01T12:00:00Z').getTime();
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a user in use signed in past a day, and signs them out at the absolute end, 7 days after sign-in', async () => {
    await signIn('bob');
    let signedIn = 0;
    for (let at = START + 20 * MINUTE; at < START + 7 * DAY; at += 20 * MINUTE) {
      vi.setSystemTime(at);
      if (await getCurrentUser()) signedIn++;
      else break;
    }
    expect(signedIn).toBe(Math.ceil((7 * DAY) / (20 * MINUTE)) - 1);
    vi.setSystemTime(START + 7 * DAY);
    expect(await getCurrentUser()).toBeNull();
  });

  it('signs out a user idle for 30 minutes, and ends the session in the store', async () => {
    await signIn('bob');
    vi.setSystemTime(START + 29 * MINUTE);
    const bob = (await getCurrentUser())!;
    vi.setSystemTime(START + 58 * MINUTE);
    expect(await getCurrentUser()).not.toBeNull();
    vi.setSystemTime(START + 88 * MINUTE);
    expect(await getCurrentUser()).toBeNull();
    expect(await (await stores()).sessions.isLive(bob.sid, Date.now())).toBe(false);
  });

  it('takes the idle timeout from PAGE_IDLE_TIMEOUT_SECONDS', async () => {
    vi.stubEnv('PAGE_IDLE_TIMEOUT_SECONDS', '60');
    await signIn('bob');
    vi.setSystemTime(START + 59_000);
    expect(await getCurrentUser()).not.toBeNull();
    vi.setSystemTime(START + 59_000 + 61_000);
    expect(await getCurrentUser()).toBeNull();
  });

  it('takes the absolute end from SESSION_LIFETIME_SECONDS', async () => {
    vi.stubEnv('SESSION_LIFETIME_SECONDS', '3600');
    await signIn('bob');
    vi.setSystemTime(START + 20 * MINUTE);
    expect(await getCurrentUser()).not.toBeNull();
    vi.setSystemTime(START + 40 * MINUTE);
    expect(await getCurrentUser()).not.toBeNull();
    vi.setSystemTime(START + 59 * MINUTE);
    expect(await getCurrentUser()).not.toBeNull();
    vi.setSystemTime(START + 60 * MINUTE);
    expect(await getCurrentUser()).toBeNull();
  });
});
