import type { Outcome } from './route-requests';

/**
 * The page's parts and their steps, in order: the tutorial as the video takes it, then what it
 * leaves out, then the session API's tokens that can end, then who may do what with them.
 */
export const PART_STEPS = {
  tutorial: ['open', 'challenge', 'login', 'inspect', 'missing', 'invalid', 'valid', 'expired', 'again'],
  beyond: ['tampered', 'alg-none'],
  sessions: ['session-login', 'refresh', 'session-protected', 'logout', 'replay', 'csrf', 'other-services'],
  authorization: ['two-users', 'forbidden', 'own-data', 'own-sessions', 'stale-role', 'throttle', 'account-page'],
} as const;

export type PartId = keyof typeof PART_STEPS;

/** The second part: the element the token bar watches, to show the session's token while it is read. */
export const SESSIONS_PART = 'sessions' satisfies PartId;
/** The third part: the token bar shows its users' tokens while it is read. */
export const AUTHORIZATION_PART = 'authorization' satisfies PartId;
export type StepId = (typeof PART_STEPS)[PartId][number];

/** The id of a step's section on the page, for links to it. */
export function stepElementId(step: StepId): string {
  return `step-${step}`;
}

/** The page of a step's code, which works without JavaScript; its JSON, which a step's disclosure loads, is at `…/excerpts`. */
export function stepCodePath(step: StepId): string {
  return `/code/${step}`;
}

/**
 * What each step is there to show: the answer its own action must get for the step to be done,
 * status and reason both. Step 8's Send expects a 200 while the token lives, but only the 401
 * `expired` that comes after does step 8; a 200 from step 9's Send does step 9, not step 7. Step 4
 * sends nothing: checking the signature does it; nor does part two's last step, done by verifying
 * the session's token in the browser.
 */
export const STEP_GOALS = {
  open: { status: 200 },
  challenge: { status: 401 },
  login: { status: 200 },
  missing: { status: 401 },
  invalid: { status: 401, reason: 'malformed' },
  valid: { status: 200 },
  expired: { status: 401, reason: 'expired' },
  again: { status: 200 },
  tampered: { status: 401, reason: 'bad_signature' },
  'alg-none': { status: 401, reason: 'unsupported_algorithm' },
  'session-login': { status: 200 },
  refresh: { status: 200 },
  'session-protected': { status: 200 },
  logout: { status: 401, reason: 'revoked' },
  // What the replayed refresh token got, not the demonstration's own 200.
  replay: { status: 401 },
  csrf: { status: 403 },
  // Part three's steps send several requests each; the answer the step is there to show does it.
  // Step 1 is done once both users hold a token, step 6 by the right password let in after a 429,
  // and step 7 when its page is opened.
  forbidden: { status: 403 },
  'own-data': { status: 404 },
  'own-sessions': { status: 401, reason: 'revoked' },
  'stale-role': { status: 401, reason: 'revoked' },
} satisfies Record<Exclude<StepId, 'inspect' | 'other-services' | 'two-users' | 'throttle' | 'account-page'>, Outcome>;

/** A step that a request does. */
export type RequestStep = keyof typeof STEP_GOALS;

/** True when an answer to the step's own action is the one the step is there to show. */
export function completesStep(step: RequestStep, answer: Outcome): boolean {
  const goal: Outcome = STEP_GOALS[step];
  return answer.status === goal.status && answer.reason === goal.reason;
}
