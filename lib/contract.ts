// The API's contract: what each route answers, word for word, and the shape of every body. It holds
// no secret and imports nothing, so the route handlers, the middleware and the page all share it:
// a change here is a type error wherever it matters.

/** The answers the API gives, word for word from the tutorial where the tutorial has one. */
export const MESSAGES = {
  unprotected: 'Anyone can view this!',
  protected: 'This is only available for people with valid tokens.',
  couldNotVerify: 'Could not verify!',
  tokenMissing: 'Token is missing!',
  tokenInvalid: 'Token is invalid!',
  serverError: 'Something went wrong on the server. It has been logged.',
  onlyGet: 'Only GET is served here.',
  onlyPost: 'Only POST is served here.',
  refreshInvalid: 'Log in again: the refresh token is missing, invalid, expired or already used.',
  crossSitePost: 'Refused: the forms of this site post here from this site only.',
  csrfRefused: 'Refused: send the X-CSRF-Token header with the csrf_token cookie\'s value, from this site.',
  storeNotConfigured:
    'No store: set DATABASE_URL to a PostgreSQL (and REDIS_URL, if sessions should live in Redis), or AUTH_STORE=memory for a single-process server.',
  storeUnavailable: 'The session store cannot be reached right now. Try again shortly.',
  nothingSpent: 'Nothing to replay yet: refresh once, and the token it spends can be replayed.',
  tooManyLogins: 'Too many failed logins. Wait as long as Retry-After says, then try again.',
  // Who may do what (the /api routes).
  insufficientScope: 'You may not do this: it takes the admin role.',
  notFound: 'Not found.',
  lastAdmin: 'The last admin cannot be demoted or removed: make another admin first.',
  nameTaken: 'That name is taken.',
  tooManyUsers: 'The directory is full: remove a user first.',
  tooManyTodos: 'You have as many to-dos as one user may: delete one first.',
  // Passwords: a new one, a change, a reset link.
  passwordBlocked:
    'That password is too easy to guess: it is a common password, your name, the app\'s name, or one part repeated. Choose another, a few unrelated words for instance.',
  wrongCurrentPassword: 'The current password is not right.',
  passwordChangedMeanwhile: 'The password was changed by another request meanwhile: sign in with the new one, or try again.',
  resetLinkGone: 'This reset link is used, expired or unknown: ask an admin for a new one.',
  notJson: 'Send a JSON body, with Content-Type: application/json.',
  badJson: 'The body is not valid JSON.',
  bodyTooLarge: 'The body is too large.',
  notAnObject: 'The body must be a JSON object.',
  onlyMethods: 'This method is not served here: see the Allow header.',
} as const;

export const BASIC_REALM = 'Login Required';

/** What a user may be: an admin manages the users; a user has their own to-dos and sessions. */
export const ROLES = ['admin', 'user'] as const;
export type Role = (typeof ROLES)[number];
export const BEARER_REALM = 'protected';

/** Why a token was refused: the `reason` field of a 401 body. */
export const INVALID_TOKEN_REASONS = [
  'malformed',
  'unsupported_algorithm',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'invalid_claims',
  'revoked',
  'no_session',
] as const;
export type InvalidTokenReason = (typeof INVALID_TOKEN_REASONS)[number];

/** The `error_description` sent with each reason. Fixed text: a response never echoes the token. */
export const REASON_DESCRIPTIONS: Record<InvalidTokenReason, string> = {
  malformed: 'The token is not a well-formed JWT.',
  unsupported_algorithm: 'The token must be signed with HS256, or a session\'s access token with ES256.',
  bad_signature: 'The token signature does not match.',
  expired: 'The token has expired.',
  not_yet_valid: 'The token is not valid yet.',
  invalid_claims: 'The token claims are missing or invalid, or this server would never issue them.',
  revoked: 'The session this token belongs to has ended.',
  no_session: 'This token carries no session: the /api routes take an access token from POST /auth/login.',
};

/** The `token` and `ttl` query parameters of the tutorial's routes. */
export const TOKEN_PARAM = 'token';
export const TTL_PARAM = 'ttl';

/** The `typ` header of each kind of token: the tutorial's, and a session's access and refresh tokens. */
export const TOKEN_TYPES = { tutorial: 'JWT', access: 'at+jwt', refresh: 'rt+jwt', page: 'ps+jwt' } as const;

// Sessions that end (POST /auth/login, /auth/refresh, /auth/logout).

/**
 * The session cookies' names. In production, where the cookies are Secure, each carries the prefix
 * the browser enforces, so that no one but this origin over HTTPS can set it (RFC 6265bis §4.1.3):
 * `__Host-` (Secure, Path=/, no Domain: a sibling subdomain can neither set nor shadow it) for the
 * pages' cookie and the CSRF cookie, both on Path=/; `__Secure-` for the refresh cookie, which goes
 * to /auth only and so cannot be `__Host-`; `__Host-` for the device cookie too. In development, over http, the plain names.
 */
export function sessionCookieNames(production: boolean) {
  return production
    ? { refresh: '__Secure-refresh_token', page: '__Host-session', csrf: '__Host-csrf_token', device: '__Host-device' }
    : { refresh: 'refresh_token', page: 'session', csrf: 'csrf_token', device: 'device' };
}
const COOKIE_NAMES = sessionCookieNames(process.env.NODE_ENV === 'production');

/** The HttpOnly cookie holding the refresh token; sent to /auth/* only. */
export const REFRESH_COOKIE = COOKIE_NAMES.refresh;
/**
 * The HttpOnly cookie that names the session to the app's pages (Server Components and Server
 * Actions, through lib/dal.ts), on every path. It authorizes no /api call and refreshes nothing.
 */
export const PAGE_SESSION_COOKIE = COOKIE_NAMES.page;
/** The readable cookie holding the session's CSRF token, so that a reloaded page can send it. */
export const CSRF_COOKIE = COOKIE_NAMES.csrf;
/**
 * The HttpOnly cookie a good login leaves, naming the user to their next login from the same browser
 * or client, whose attempts then count in a throttle bucket of their own (lib/users/devices.ts). It
 * outlives sessions: logging out does not forget the device.
 */
export const DEVICE_COOKIE = COOKIE_NAMES.device;
/** The header that must carry the CSRF token on /auth/refresh and /auth/logout. */
export const CSRF_HEADER = 'X-CSRF-Token';
/** Where the refresh cookie is sent. */
export const AUTH_PATH = '/auth';

/** POST /auth/login and /auth/refresh, 200 (RFC 6749 §5.1 names, plus the CSRF token). */
export interface SessionTokenBody {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  csrf_token: string;
}

/**
 * POST /auth/demo/replay, 200: the page cannot read the refresh cookie, so the server replays the
 * session's spent refresh token as a thief would, and says what the thief sent and got back.
 */
export interface ReplayDemoBody {
  replayed: { method: 'POST'; path: string; jti: string; headers: Record<string, string> };
  status: number;
  body: unknown;
}

/** GET /unprotected, 200. */
export interface UnprotectedBody {
  message: typeof MESSAGES.unprotected;
}

/** GET /login, 200. */
export interface LoginBody {
  token: string;
}

/** GET /protected, 200. */
export interface ProtectedBody {
  message: typeof MESSAGES.protected;
  user: string;
}

/** A 401 for a token that was sent but refused. */
export interface InvalidTokenBody {
  message: typeof MESSAGES.tokenInvalid;
  reason: InvalidTokenReason;
}

/** Every other refusal or error: 400, 401, 405 or 500. */
export interface MessageBody {
  message: string;
}

export type ErrorBody = InvalidTokenBody | InvalidBody | MessageBody;

// Who may do what: the /api routes, for a session's access token.

/** A user as the API shows them: never a password hash. */
export interface UserView {
  id: string;
  name: string;
  role: Role;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601: when a user made for a while is removed by themselves. Absent for a user who stays. */
  expiresAt?: string;
}

/** A one-time link to set a user's password, as POST /api/users/:id/reset answers it, once. */
export interface ResetLinkView {
  /** `/reset/<token>`: the token is 32 random bytes, base64url; the server keeps only its SHA-256. */
  path: string;
  /** ISO 8601: 30 minutes after it was made. */
  expiresAt: string;
}

/** One of the caller's to-dos. */
export interface TodoView {
  id: string;
  text: string;
  complete: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One of the caller's sessions. */
export interface SessionView {
  id: string;
  startedAt: string;
  /** When it last refreshed its access token; null: never. */
  refreshedAt: string | null;
  /** The client it started in, shortened: `Chrome 159 on Linux`. */
  userAgent: string;
  /** True for the session of the token that asked. */
  current: boolean;
}

/** GET /api/todos, newest first. */
export interface TodoList {
  todos: TodoView[];
}
/** How many users a page of GET /api/users holds: `default` unless asked for, `max` at most. */
export const USERS_PAGE = { default: 50, max: 100 } as const;
/** GET /api/users: one page of the users, oldest first. */
export interface UserList {
  users: UserView[];
  /** Sent back as `?cursor=` for the page after this one; null on the last page. */
  next_cursor: string | null;
}
/** GET /api/sessions, oldest first. */
export interface SessionList {
  sessions: SessionView[];
}
/** DELETE /api/sessions: how many sessions ended. */
export interface SessionsEnded {
  ended: number;
}

/** A body the API refused, naming the field at fault. */
export interface InvalidBody {
  message: string;
  field: string;
}

/** A to-do's text: 1 to 500 characters. */
export const TODO_TEXT = { min: 1, max: 500 } as const;

// Server-Timing: each layer that looked at a /protected request adds one entry, so an answer says
// which layer answered (DevTools shows it under Timing). The edge gate passes its entry on to the
// route in a request header; the route answers with both.

/** The layers of the app, in the order a request meets them. */
export type Layer = 'gate' | 'route';

/** What a layer decided. */
export const VERDICTS = {
  /** A tutorial token: signature and claims are all there is to check. */
  verified: 'verified',
  /** A session token at the gate: signature and claims only, since no store is reachable at the edge. */
  sessionNotChecked: 'verified (session not checked)',
  /** A session token at the route: verified, and its session is alive in the store. */
  sessionLive: 'verified (session live)',
  refused: 'refused',
  /** The session store could not answer: refused, failing closed. */
  unavailable: 'unavailable',
  error: 'error',
  /** A method the route does not serve: a 405, with no token check, since it serves nothing. */
  methodNotAllowed: 'method not allowed',
  /** OPTIONS: the route listed what it serves. */
  methodsListed: 'methods listed',
} as const;
export type Verdict = (typeof VERDICTS)[keyof typeof VERDICTS];

export interface TimingEntry {
  layer: Layer;
  /** Milliseconds the layer spent on its check. */
  ms: number;
  verdict: Verdict;
}

/** The request header in which the gate hands its Server-Timing entry to the route. */
export const GATE_TIMING_HEADER = 'x-auth-gate';

// A desc holds no comma, so that the header splits at its commas.
const ENTRY = /^(gate|route);dur=(\d{1,6}(?:\.\d{1,3})?);desc="([^",]*)"$/;
const KNOWN_VERDICTS: ReadonlySet<string> = new Set(Object.values(VERDICTS));

/** One Server-Timing entry: `gate;dur=0.42;desc="verified"`. */
export function formatTimingEntry({ layer, ms, verdict }: TimingEntry): string {
  return `${layer};dur=${Math.round(ms * 100) / 100};desc="${verdict}"`;
}

/** The entries of a Server-Timing header that this app wrote, in order; anything else is skipped. */
export function parseServerTiming(header: string | null): TimingEntry[] {
  if (header === null) return [];
  return header.split(',').flatMap((part) => {
    const match = ENTRY.exec(part.trim());
    if (!match || !KNOWN_VERDICTS.has(match[3]!)) return [];
    return [{ layer: match[1] as Layer, ms: Number(match[2]), verdict: match[3] as Verdict }];
  });
}
