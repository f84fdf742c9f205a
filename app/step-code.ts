import type { StepId } from './walkthrough-steps';

/** Lines of the project's own source: a whole file, or one top-level declaration in it. */
export interface Excerpt {
  /** From the project root. */
  file: string;
  symbol?: string;
}

// The code that answers each step, shown beside it. Read at build time, so a renamed function
// fails the build (and app/step-code.test.ts) rather than showing stale code.
const gate: Excerpt = { file: 'middleware.ts' };
const loginRoute: Excerpt = { file: 'app/login/route.ts' };

/** For each step, the code that handles it, in the order a request meets it. */
export const STEP_CODE: Record<StepId, Excerpt[]> = {
  open: [{ file: 'app/unprotected/route.ts' }],
  challenge: [loginRoute, { file: 'lib/auth/index.ts', symbol: 'logIn' }, { file: 'lib/auth/index.ts', symbol: 'checkLogin' }],
  login: [
    loginRoute,
    { file: 'lib/auth/index.ts', symbol: 'logIn' },
    { file: 'lib/auth/token.ts', symbol: 'signToken' },
    { file: 'lib/auth/token.ts', symbol: 'sign' },
  ],
  inspect: [{ file: 'app/jwt-display.ts', symbol: 'signatureMatches' }],
  missing: [gate, { file: 'lib/auth/request.ts', symbol: 'tokenFromRequest' }],
  invalid: [gate, { file: 'lib/auth/token.ts', symbol: 'verifyToken' }],
  valid: [gate, { file: 'app/protected/route.ts' }, { file: 'lib/auth/token.ts', symbol: 'verifyToken' }],
  expired: [gate, { file: 'lib/auth/token.ts', symbol: 'checkClaims' }],
  again: [loginRoute],
  tampered: [gate, { file: 'lib/auth/token.ts', symbol: 'verifyKind' }],
  'alg-none': [gate, { file: 'lib/auth/token.ts', symbol: 'verifyKind' }],
};
