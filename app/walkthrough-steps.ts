import type { InvalidTokenReason } from '@/lib/contract';
import type { ActionId } from './route-requests';

/**
 * The page's parts and their steps, in order: the tutorial as the video takes it, then what it
 * leaves out, then the session API's tokens that can end.
 */
export const PART_STEPS = {
  tutorial: ['open', 'challenge', 'login', 'inspect', 'missing', 'invalid', 'valid', 'expired', 'again'],
  beyond: ['tampered', 'alg-none'],
  sessions: ['session-login', 'refresh', 'session-protected', 'logout', 'replay', 'csrf'],
} as const;

export type PartId = keyof typeof PART_STEPS;

/** The second part: the element the token bar watches, to show the session's token while it is read. */
export const SESSIONS_PART = 'sessions' satisfies PartId;
export type StepId = (typeof PART_STEPS)[PartId][number];

/** The id of a step's section on the page, for links to it. */
export function stepElementId(step: StepId): string {
  return `step-${step}`;
}

/**
 * What the session part sends: a login, a refresh (by the page or by you), the session's access
 * token at /protected before and after logout, the replay of a spent refresh token, and a refresh
 * without the CSRF token.
 */
export type SessionActionId = 'session-login' | 'refresh' | 'session-token' | 'after-logout' | 'replay' | 'no-csrf';

/** Something the user did, and how the API answered. */
export type StepEvent =
  | { kind: 'login'; status: number }
  | { kind: 'signature-check' }
  | { kind: 'call'; action: ActionId; status: number; reason?: InvalidTokenReason }
  /** For the replay, `status` is what the replayed refresh got, not the demonstration's own 200. */
  | { kind: 'session'; action: SessionActionId; status: number; reason?: InvalidTokenReason };

/** The step an answer completes, judged by status and reason; null when it completes none. */
export function stepCompleted(event: StepEvent, done: ReadonlySet<StepId>): StepId | null {
  if (event.kind === 'login') {
    if (event.status !== 200) return null;
    return done.has('expired') ? 'again' : 'login';
  }
  if (event.kind === 'signature-check') return 'inspect';
  if (event.kind === 'session') return sessionStepCompleted(event);
  const { action, status, reason } = event;
  if (action === 'unprotected' && status === 200) return 'open';
  if (action === 'login-challenge' && status === 401) return 'challenge';
  if (action === 'no-token' && status === 401 && reason === undefined) return 'missing';
  if (action === 'garbage' && status === 401 && reason === 'malformed') return 'invalid';
  if ((action === 'query' || action === 'bearer') && status === 200) return 'valid';
  if ((action === 'query' || action === 'bearer') && status === 401 && reason === 'expired') return 'expired';
  if (action === 'tampered' && status === 401 && reason === 'bad_signature') return 'tampered';
  if (action === 'alg-none' && status === 401 && reason === 'unsupported_algorithm') return 'alg-none';
  return null;
}

function sessionStepCompleted({ action, status, reason }: Extract<StepEvent, { kind: 'session' }>): StepId | null {
  if (action === 'session-login' && status === 200) return 'session-login';
  if (action === 'refresh' && status === 200) return 'refresh';
  if (action === 'session-token' && status === 200) return 'session-protected';
  if (action === 'after-logout' && status === 401 && reason === 'revoked') return 'logout';
  if (action === 'replay' && status === 401) return 'replay';
  if (action === 'no-csrf' && status === 403) return 'csrf';
  return null;
}
