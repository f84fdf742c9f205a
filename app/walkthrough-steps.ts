import type { ActionId } from './route-requests';

export type StepId = 'open' | 'login' | 'missing' | 'invalid' | 'valid' | 'expired' | 'again';

export interface Step {
  id: StepId;
  title: string;
  expect: string;
}

/** The tutorial's steps, in the order the video takes them. */
export const STEPS: readonly Step[] = [
  { id: 'open', title: 'Call the open route', expect: 'GET /unprotected answers 200 for anyone.' },
  { id: 'login', title: 'Log in', expect: 'Any username with the password gets 200 and a token.' },
  { id: 'missing', title: 'Call /protected with no token', expect: '401: “Token is missing!”' },
  { id: 'invalid', title: 'Send an invalid token', expect: `401: “Token is invalid!”, reason malformed.` },
  { id: 'valid', title: 'Send your token', expect: '200 with your username, in ?token= or as Bearer.' },
  {
    id: 'expired',
    title: 'Let a short token expire',
    expect: 'Log in for 15 s, wait for 00:00, send it again: 401, reason expired.',
  },
  { id: 'again', title: 'Log in again', expect: 'A fresh token, and /protected answers 200 again.' },
];

/** Something the user did, and how the API answered. */
export type StepEvent =
  | { kind: 'login'; status: number }
  | { kind: 'call'; action: ActionId; status: number; reason?: string };

/** The step an answer completes, judged by status and reason; null when it completes none. */
export function stepCompleted(event: StepEvent, done: ReadonlySet<StepId>): StepId | null {
  if (event.kind === 'login') {
    if (event.status !== 200) return null;
    return done.has('expired') ? 'again' : 'login';
  }
  const { action, status, reason } = event;
  if (action === 'unprotected' && status === 200) return 'open';
  if (action === 'no-token' && status === 401 && reason === undefined) return 'missing';
  if (action === 'garbage' && status === 401 && reason === 'malformed') return 'invalid';
  if ((action === 'query' || action === 'bearer') && status === 200) return 'valid';
  if ((action === 'query' || action === 'bearer') && status === 401 && reason === 'expired') return 'expired';
  return null;
}
