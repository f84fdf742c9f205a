import type { InvalidTokenReason } from '@/lib/contract';
import type { ActionId } from './route-requests';

/** The page's parts and their steps, in order: the tutorial as the video takes it, then what it leaves out. */
export const PART_STEPS = {
  tutorial: ['open', 'challenge', 'login', 'inspect', 'missing', 'invalid', 'valid', 'expired', 'again'],
  beyond: ['tampered', 'alg-none'],
} as const;

export type PartId = keyof typeof PART_STEPS;
export type StepId = (typeof PART_STEPS)[PartId][number];

/** The id of a step's section on the page, for links to it. */
export function stepElementId(step: StepId): string {
  return `step-${step}`;
}

/** Something the user did, and how the API answered. */
export type StepEvent =
  | { kind: 'login'; status: number }
  | { kind: 'signature-check' }
  | { kind: 'call'; action: ActionId; status: number; reason?: InvalidTokenReason };

/** The step an answer completes, judged by status and reason; null when it completes none. */
export function stepCompleted(event: StepEvent, done: ReadonlySet<StepId>): StepId | null {
  if (event.kind === 'login') {
    if (event.status !== 200) return null;
    return done.has('expired') ? 'again' : 'login';
  }
  if (event.kind === 'signature-check') return 'inspect';
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
