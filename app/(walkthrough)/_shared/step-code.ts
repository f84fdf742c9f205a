import type { StepId } from './walkthrough-steps';

/** Lines of the project's own source: a whole file, or one top-level declaration in it. */
export interface Excerpt {
  /** From the project root. */
  file: string;
  symbol?: string;
}

// The code that answers each step, shown beside it. Read at build time, so a renamed function
// fails the build (and app/(walkthrough)/_shared/step-code.test.ts) rather than showing stale code.
const gate: Excerpt = { file: 'middleware.ts' };
const loginRoute: Excerpt = { file: 'app/(api)/login/route.ts' };
const refreshRoute: Excerpt = { file: 'app/(api)/auth/refresh/route.ts' };
const refreshSession: Excerpt[] = [
  { file: 'lib/session/refresh.ts', symbol: 'refreshAnswer' },
  { file: 'lib/session/sessions.ts', symbol: 'refreshSession' },
];
// The route's second check, which alone can see the store: is the token's session alive?
const sessionCheck: Excerpt[] = [
  { file: 'lib/auth/index.ts', symbol: 'checkToken' },
  { file: 'lib/session/lookup.ts', symbol: 'sessionLookup' },
];

const sessionLoginRoute: Excerpt = { file: 'app/(api)/auth/login/route.ts' };

/** For each step, the code that handles it, in the order a request meets it. */
export const STEP_CODE: Record<StepId, Excerpt[]> = {
  open: [{ file: 'app/(api)/unprotected/route.ts' }],
  challenge: [loginRoute, { file: 'lib/auth/index.ts', symbol: 'logIn' }, { file: 'lib/auth/index.ts', symbol: 'checkLogin' }],
  login: [
    loginRoute,
    { file: 'lib/auth/index.ts', symbol: 'logIn' },
    { file: 'lib/auth/token.ts', symbol: 'signToken' },
    { file: 'lib/auth/token.ts', symbol: 'sign' },
  ],
  inspect: [{ file: 'app/(walkthrough)/_shared/jwt-display.ts', symbol: 'signatureMatches' }],
  missing: [gate, { file: 'lib/auth/request.ts', symbol: 'tokenFromRequest' }],
  invalid: [gate, { file: 'lib/auth/token.ts', symbol: 'verifyToken' }],
  valid: [gate, { file: 'app/(api)/protected/route.ts' }, { file: 'lib/auth/token.ts', symbol: 'verifyToken' }],
  expired: [gate, { file: 'lib/auth/token.ts', symbol: 'checkClaims' }],
  again: [loginRoute],
  tampered: [gate, { file: 'lib/auth/token.ts', symbol: 'verifyKind' }],
  'alg-none': [gate, { file: 'lib/auth/token.ts', symbol: 'verifyKind' }],
  'session-login': [
    { file: 'app/(api)/auth/login/route.ts' },
    { file: 'lib/session/sessions.ts', symbol: 'startSession' },
    { file: 'lib/session/cookies.ts', symbol: 'sessionCookies' },
    { file: 'app/(walkthrough)/_sessions/session-store.ts', symbol: 'logIn' },
  ],
  refresh: [
    refreshRoute,
    ...refreshSession,
    { file: 'app/(walkthrough)/_sessions/session-store.ts', symbol: 'refreshOnce' },
    { file: 'app/(walkthrough)/_sessions/session-store.ts', symbol: 'oneAtATime' },
  ],
  'session-protected': [gate, { file: 'app/(api)/protected/route.ts' }, ...sessionCheck],
  logout: [{ file: 'app/(api)/auth/logout/route.ts' }, gate, ...sessionCheck],
  replay: [{ file: 'app/(api)/auth/demo/replay/route.ts' }, ...refreshSession, { file: 'lib/session/redis-store.ts', symbol: 'ROTATE' }],
  csrf: [refreshRoute, { file: 'lib/http/forwarded.ts', symbol: 'isSameOrigin' }, { file: 'lib/session/csrf.ts', symbol: 'checkCsrfToken' }],
  // The JWKS route, what it serves, and the tutorial's Flask API verifying with it: no secret on that side.
  'other-services': [
    { file: 'app/(api)/.well-known/jwks.json/route.ts' },
    { file: 'lib/auth/index.ts', symbol: 'jwksResponse' },
    { file: 'app/(walkthrough)/_sessions/jwks-check.ts', symbol: 'verifyWithJwks' },
    { file: 'examples/flask-api/app.py', symbol: 'token_required' },
  ],
  // Part three shows each route's own handler and the function it calls; the check every /api
  // route shares (apiRoute) is shown once, at step 2, and the gate in parts one and two.
  'two-users': [
    sessionLoginRoute,
    { file: 'lib/users/login.ts', symbol: 'userForCredentials' },
    { file: 'lib/auth/token.ts', symbol: 'signAccessToken' },
    { file: 'app/(walkthrough)/_authorization/people.ts', symbol: 'logIn' },
  ],
  forbidden: [{ file: 'app/(api)/api/users/route.ts', symbol: 'GET' }, { file: 'lib/api-route.ts', symbol: 'apiRoute' }],
  'own-data': [{ file: 'app/(api)/api/todos/[id]/route.ts', symbol: 'GET' }, { file: 'lib/todos/todos.ts', symbol: 'getTodo' }],
  'own-sessions': [
    { file: 'app/(api)/api/sessions/[id]/route.ts', symbol: 'DELETE' },
    { file: 'lib/session/my-sessions.ts', symbol: 'endSession' },
    { file: 'lib/session/my-sessions.ts', symbol: 'endOtherSessions' },
  ],
  'stale-role': [{ file: 'app/(api)/api/users/[id]/route.ts', symbol: 'PATCH' }, { file: 'lib/users/accounts.ts', symbol: 'changeRole' }],
  throttle: [{ file: 'lib/users/login.ts', symbol: 'throttledLogin' }, { file: 'lib/users/throttle.ts', symbol: 'afterReserve' }],
  'account-page': [
    { file: 'app/account/page.tsx', symbol: 'Account' },
    { file: 'app/account/actions.ts', symbol: 'addTodoAction' },
    { file: 'lib/dal.ts', symbol: 'getCurrentUser' },
  ],
};
