import { useSyncExternalStore } from 'react';
import { CSRF_COOKIE, type SessionTokenBody } from '@/lib/contract';
import { externalStore } from '../_shared/external-store';
import { heldToken, type HeldToken } from '../_shared/held-token';
import { decodeUnverified, stringClaim } from '../_shared/jwt-display';
import type { ApiRequest, Outcome } from '../_shared/route-requests';
import { sendRequest, type Exchange } from '../_shared/send-request';
import { cookieValue, logoutRequest, refreshDelaySeconds, refreshRequest } from './session-requests';

// The session of the page's second part. Its access token is held here, in this module's memory,
// and nowhere else: not in Web Storage, not in a cookie. Any script running in the page, one
// injected through an XSS hole included, can read those and send a token away. The refresh token
// is in an HttpOnly cookie that no script can read; the CSRF token is in a readable cookie, so a
// reloaded page can send it, refresh once, and hold an access token again.

/** What made the page refresh: the timer shortly before expiry, a button, or a reload. */
export type RefreshTrigger = 'automatic' | 'you' | 'reload';

/** One refresh the page sent, and what came back. */
export interface Refresh {
  /** When its answer came, by the page's clock (ms). */
  at: number;
  trigger: RefreshTrigger;
  /** The `jti` of the access token it replaced, and of the one it got; null where there is none. */
  from: string | null;
  to: string | null;
  exchange: Exchange<'/auth/refresh'>;
  /** 200, or 401 once a replay has revoked the session. */
  expected: Outcome;
}

/**
 * Why the session ended: you logged out, here or in another tab; the server refused a refresh
 * (after a replay, say so); or /protected refused the session's access token as revoked.
 */
export type EndReason = 'logged-out' | 'other-tab' | 'refused' | 'replayed' | 'revoked';

export type Session =
  | { state: 'none' }
  /** A reload found the CSRF cookie, and is refreshing to get an access token back. */
  | { state: 'recovering' }
  | {
      state: 'live';
      user: string;
      /** The access token, and when it expires (ms, page clock). */
      access: HeldToken;
      csrfToken: string;
      /** Lifetime of the access token in seconds, and when it will be refreshed (ms, page clock). */
      lifetime: number;
      refreshAt: number;
    }
  | { state: 'ended'; why: EndReason };

export interface SessionSnapshot {
  session: Session;
  /** The latest access token this tab held, kept once the session ends, to show /protected refusing it. */
  lastAccess: HeldToken | null;
  /** The latest refreshes, newest first. */
  refreshes: readonly Refresh[];
  /** When the latest refresh spent the refresh token before it (ms, page clock). */
  spentAt: number | null;
  /** The latest logout's answer, from whichever button sent it; 'sending' until it comes. */
  logout: Exchange<'/auth/logout'> | 'sending' | null;
  /** A replay has revoked the session on the server; this page learns it at its next refresh. */
  replayed: boolean;
}

const KEPT_REFRESHES = 3;
const RETRY_MS = 5000;
const LOCK = 'jwt-walkthrough:session';
const INITIAL: SessionSnapshot = { session: { state: 'none' }, lastAccess: null, refreshes: [], spentAt: null, logout: null, replayed: false };

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void> | null = null;
// The tabs of this site share the session's cookies, so each tells the others what ends it: a
// logout ends it in every tab, and after a replay every tab's next refresh will be refused.
let otherTabs: BroadcastChannel | null = null;
type TabNews = 'logged-out' | 'replayed';
// Bumped by each login and logout: an answer to a refresh sent before it belongs to another session.
let generation = 0;

const store = externalStore<SessionSnapshot>({ initial: () => INITIAL, server: INITIAL, watch: followSession });

function update(change: Partial<SessionSnapshot>): void {
  store.set({ ...store.get(), ...change });
}

// While the page shows the session: look for one a reload left, hear the other tabs, and catch up
// when a hidden tab, whose timers may run late, is seen again.
function followSession(): () => void {
  queueMicrotask(recoverAfterReload);
  if ('BroadcastChannel' in window) {
    otherTabs = new BroadcastChannel(LOCK);
    otherTabs.onmessage = ({ data }: MessageEvent<TabNews>) => {
      const { session } = store.get();
      if (data === 'replayed') update({ replayed: true });
      else if (session.state === 'live' || session.state === 'recovering') endSession('other-tab');
    };
  }
  const catchUp = () => {
    const { session } = store.get();
    if (document.visibilityState === 'visible' && session.state === 'live' && Date.now() >= session.refreshAt) void refresh('automatic');
  };
  document.addEventListener('visibilitychange', catchUp);
  return () => {
    otherTabs?.close();
    otherTabs = null;
    document.removeEventListener('visibilitychange', catchUp);
  };
}

/** This tab's session; none on the server and before the page has looked for one. */
export function useSession(): SessionSnapshot {
  return store.useValue();
}

/** What scripts can read of this site's cookies, read again whenever the session changes (its answers set them). */
export function useDocumentCookie(): string {
  return useSyncExternalStore(store.subscribe, () => document.cookie, () => '');
}

/** The session's CSRF token: from its cookie, which every tab shares, else from the last answer. */
export function csrfToken(): string | null {
  const { session } = store.get();
  return cookieValue(document.cookie, CSRF_COOKIE) ?? (session.state === 'live' ? session.csrfToken : null);
}

// Web Locks: one session request at a time across this site's tabs, so that two tabs never send
// the same refresh cookie; the second waits, then sends the cookie the first one got back. Where
// there are none (an old browser, or plain http to a host other than localhost), the server's
// grace window absorbs the race: within it, a spent refresh token gets the same successor.
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  return 'locks' in navigator ? navigator.locks.request(LOCK, task) : task();
}

/** POST /auth/login; on success the session starts, replacing any before it in this tab. */
export async function logIn(request: ApiRequest<'/auth/login'>): Promise<Exchange<'/auth/login'>> {
  const exchange = await oneAtATime(() => sendRequest(request));
  if (exchange.answer.ok) {
    generation++;
    const session = liveSession(exchange.answer.body);
    update({ ...INITIAL, session, lastAccess: session.access });
    scheduleRefresh(session);
  }
  return exchange;
}

/** POST /auth/refresh now, unless one is already on its way: then that one's answer is awaited. */
export function refresh(trigger: RefreshTrigger): Promise<void> {
  inFlight ??= refreshOnce(trigger).finally(() => (inFlight = null));
  return inFlight;
}

async function refreshOnce(trigger: RefreshTrigger): Promise<void> {
  clearTimeout(timer);
  const sentIn = generation;
  const before = store.get().session;
  // The CSRF token is read once the lock is held: another tab may have started a new session.
  const exchange = await oneAtATime(() => sendRequest(refreshRequest(csrfToken())));
  if (sentIn !== generation) return;

  const from = before.state === 'live' ? jtiOf(before.access.token) : null;
  const at = Date.now();
  const next = exchange.answer.ok ? liveSession(exchange.answer.body) : null;
  const expected = { status: store.get().replayed ? 401 : 200 };
  const row: Refresh = { at, trigger, from, to: next && jtiOf(next.access.token), exchange, expected };
  const refreshes = [row, ...store.get().refreshes].slice(0, KEPT_REFRESHES);
  if (next) {
    update({ session: next, lastAccess: next.access, refreshes, spentAt: at });
    scheduleRefresh(next);
  } else if ((exchange.status === 0 || exchange.status >= 500) && before.state === 'live') {
    // The server or the network failed, not the session: try again shortly.
    const session = { ...before, refreshAt: at + RETRY_MS };
    update({ session, refreshes });
    scheduleRefresh(session);
  } else {
    update({ session: { state: 'ended', why: store.get().replayed ? 'replayed' : 'refused' }, refreshes });
  }
}

/** POST /auth/logout: the server ends the session; this tab keeps its last access token to show it refused. */
export async function logOut(): Promise<void> {
  update({ logout: 'sending' });
  await inFlight;
  const exchange = await oneAtATime(() => sendRequest(logoutRequest(csrfToken())));
  update({ logout: exchange });
  if (!exchange.answer.ok) return;
  endSession('logged-out');
  otherTabs?.postMessage('logged-out' satisfies TabNews);
}

/** Notes that a replay has revoked the session: the next refresh will be refused, and should say why. */
export function sessionReplayed(): void {
  update({ replayed: true });
  otherTabs?.postMessage('replayed' satisfies TabNews);
}

/**
 * Ends the session on the page when /protected has refused its live access token as revoked, unless
 * the page knew: after a replay, its next refresh is left to show the refusal (step 5).
 */
export function sessionRevoked(accessToken: string): void {
  const { session, replayed } = store.get();
  if (session.state === 'live' && session.access.token === accessToken && !replayed) endSession('revoked');
}

// An answer to a refresh sent before this belongs to the session that ended.
function endSession(why: EndReason): void {
  generation++;
  clearTimeout(timer);
  update({ session: { state: 'ended', why } });
}

// A reload keeps no access token, but the refresh cookie survives: one refresh gets a new one.
function recoverAfterReload(): void {
  if (store.get().session.state !== 'none' || cookieValue(document.cookie, CSRF_COOKIE) === null) return;
  update({ session: { state: 'recovering' } });
  void refresh('reload');
}

// Times are taken from `expires_in` and this page's clock, not from `exp` and the server's: a
// computer whose clock is off still refreshes in time.
function liveSession(body: SessionTokenBody): Extract<Session, { state: 'live' }> {
  const received = Date.now();
  return {
    state: 'live',
    user: stringClaim(decodeUnverified(body.access_token), 'user') ?? 'an unknown user',
    access: heldToken(body.access_token, body.expires_in, received),
    csrfToken: body.csrf_token,
    lifetime: body.expires_in,
    refreshAt: received + refreshDelaySeconds(body.expires_in) * 1000,
  };
}

// refreshAt is never further off than a timer can wait: refreshDelaySeconds sees to it, and so
// the page's 'Next refresh in' says when it will really come.
function scheduleRefresh({ refreshAt }: { refreshAt: number }): void {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh('automatic'), refreshAt - Date.now());
}

function jtiOf(token: string): string | null {
  return stringClaim(decodeUnverified(token), 'jti') ?? null;
}
