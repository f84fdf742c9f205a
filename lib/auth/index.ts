import 'server-only';
import { formatTimingEntry, GATE_TIMING_HEADER, parseServerTiming, VERDICTS, type Layer, type TimingEntry, type Verdict } from '../contract';
import { AuthConfigError, getAuthConfig, type AuthConfig } from './config';
import { checkCredentials, parseBasicAuth, type BasicCredentials } from './credentials';
export type { BasicCredentials } from './credentials';
import { requestedTtl, tokenFromRequest } from './request';
import { failureResponse, unexpectedErrorResponse, type AuthFailure } from './responses';
import { getKeyRing, type PublishedKey } from './keys';
import { signToken, verifyPageToken, verifyToken, type SessionClaims } from './token';

export { failureResponse, NO_STORE, unexpectedErrorResponse, type AuthFailure } from './responses';
export { getAuthConfig, type AuthConfig } from './config';

export type AuthResult = { ok: true; user: string; session?: SessionClaims } | { ok: false; failure: AuthFailure };
export type LoginResult = { ok: true; token: string } | { ok: false; failure: AuthFailure };

/** The sentence of a 400 for a token sent in the URL where only the header is taken. */
export const HEADER_ONLY = 'Send the token in the Authorization header: a token in the URL ends up in logs and history.';

/** Finds and verifies the request's bearer token; with `headerOnly`, a token in `?token=` is refused. */
export async function authenticate(request: Request, { headerOnly = false } = {}): Promise<AuthResult> {
  const config = configOrFailure();
  if ('failure' in config) return config;

  const lookup = tokenFromRequest(request);
  if (!lookup.ok) {
    return lookup.failure === 'missing'
      ? { ok: false, failure: { kind: 'missing' } }
      : { ok: false, failure: { kind: 'invalid_request', description: lookup.description } };
  }
  if (headerOnly && lookup.via === 'query') return { ok: false, failure: { kind: 'invalid_request', description: HEADER_ONLY } };
  const verified = await verifyToken(config, lookup.token);
  return verified.ok ? verified : { ok: false, failure: { kind: 'invalid_token', reason: verified.reason } };
}

/**
 * What the session store says of a session token's session. Given by Node route handlers only:
 * lib/auth holds no state, and the edge gate reaches no store.
 */
export type SessionLookup = (session: SessionClaims) => Promise<{ live: boolean } | { unavailable: string }>;

export type TokenCheck = { ok: true; user: string; session?: SessionClaims; serverTiming: string } | { ok: false; response: Response };

export interface CheckOptions {
  /** Asks the store whether a session token's session is alive (the route; the gate cannot). */
  sessions?: SessionLookup;
  /**
   * The /api routes: a session's access token only (a token that names no session is refused),
   * and in the Authorization header only, as RFC 6750 §2.1 prefers (the tutorial's `?token=` is
   * for /protected alone).
   */
  requireSession?: boolean;
}

/**
 * One layer's check of a request to a protected route, timed: the edge gate and then the route
 * each call it. A refusal comes as a finished answer carrying the Server-Timing entries so far.
 */
export async function checkToken(request: Request, layer: Layer, { sessions, requireSession = false }: CheckOptions = {}): Promise<TokenCheck> {
  const before = layer === 'route' ? passedOnByGate(request) : [];
  const started = performance.now();
  const timing = (verdict: Verdict) =>
    [...before, { layer, ms: performance.now() - started, verdict }].map(formatTimingEntry).join(', ');
  const pass = (user: string, verdict: Verdict, session?: SessionClaims): TokenCheck => ({ ok: true, user, session, serverTiming: timing(verdict) });
  const refuse = (response: Response, verdict: Verdict = VERDICTS.refused): TokenCheck => {
    response.headers.set('Server-Timing', timing(verdict));
    return { ok: false, response };
  };

  try {
    const auth = await authenticate(request, { headerOnly: requireSession });
    if (!auth.ok) return refuse(failureResponse(auth.failure));
    if (!auth.session) {
      return requireSession ? refuse(failureResponse({ kind: 'invalid_token', reason: 'no_session' })) : pass(auth.user, VERDICTS.verified);
    }
    if (!sessions) return pass(auth.user, VERDICTS.sessionNotChecked, auth.session);

    const state = await sessions(auth.session);
    if ('unavailable' in state) return refuse(failureResponse({ kind: 'unavailable', message: state.unavailable }), VERDICTS.unavailable);
    if (!state.live) return refuse(failureResponse({ kind: 'invalid_token', reason: 'revoked' }));
    return pass(auth.user, VERDICTS.sessionLive, auth.session);
  } catch (error) {
    return refuse(unexpectedErrorResponse(error, layer), VERDICTS.error);
  }
}

/** The gate's Server-Timing entry, when the gate passed this request on to the route (see middleware.ts). */
export function passedOnByGate(request: Request): TimingEntry[] {
  return parseServerTiming(request.headers.get(GATE_TIMING_HEADER)).filter(passedByGate);
}

const passedByGate = (entry: TimingEntry) =>
  entry.layer === 'gate' && (entry.verdict === VERDICTS.verified || entry.verdict === VERDICTS.sessionNotChecked);

export type LoginRequest =
  | { ok: true; config: AuthConfig; credentials: BasicCredentials | null; ttlSeconds: number }
  | { ok: false; failure: AuthFailure };

/**
 * Reads a login: the configuration, its `ttl` (from 1 to `maxTtl(config)`, which is also the
 * default) and its Basic credentials, null when the header holds none that parse.
 */
export function readLogin(request: Request, maxTtl: (config: AuthConfig) => number): LoginRequest {
  const config = configOrFailure();
  if ('failure' in config) return config;
  const ttl = requestedTtl(request, maxTtl(config));
  if (!ttl.ok) return { ok: false, failure: { kind: 'bad_ttl', message: ttl.message } };
  return { ok: true, config, credentials: parseBasicAuth(request.headers.get('authorization')), ttlSeconds: ttl.ttlSeconds };
}

export type Guarded<T> = { ok: true; value: T } | { ok: false; failure: AuthFailure };

/**
 * Runs a login's credential check, given the name it was for: the Node route's guard throttles it
 * (lib/users/login.ts). lib/auth holds no state, so without one the check simply runs.
 */
export type LoginGuard = <T>(name: string | null, check: () => Promise<T | null>) => Promise<Guarded<T>>;

const unguarded: LoginGuard = async (_name, check) => {
  const value = await check();
  return value === null ? { ok: false, failure: { kind: 'bad_credentials' } } : { ok: true, value };
};

/** Checks a tutorial login's Basic credentials: any username, with the demo password. */
export async function checkLogin(config: AuthConfig, credentials: BasicCredentials | null): Promise<string | null> {
  return credentials !== null && (await checkCredentials(config, credentials)) ? credentials.username : null;
}

/** Checks the request's Basic credentials and `ttl`, and signs a tutorial token for the user. */
export async function logIn(request: Request, guard: LoginGuard = unguarded): Promise<LoginResult> {
  const login = readLogin(request, (config) => config.ttlSeconds);
  if (!login.ok) return login;
  const { config, credentials, ttlSeconds } = login;
  const user = await guard(credentials?.username ?? null, () => checkLogin(config, credentials));
  if (!user.ok) return user;
  return { ok: true, token: await signToken(config, user.value, ttlSeconds) };
}

function configOrFailure(): AuthConfig | { ok: false; failure: AuthFailure } {
  try {
    return getAuthConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { ok: false, failure: { kind: 'config', message: error.message } };
    throw error;
  }
}

/**
 * The edge gate's optimistic check of the pages' session cookie: true when it is one of ours,
 * signed and within its claims. A configuration error or a bad cookie alike is false.
 */
export async function checkPageCookie(token: string | undefined): Promise<boolean> {
  if (token === undefined) return false;
  const config = configOrFailure();
  if ('failure' in config) return false;
  return (await verifyPageToken(config, token)).ok;
}

/**
 * The longest a client may cache the JWKS, in seconds. Well under any rotation's overlap (the
 * longest access-token life, 300 s by default): a cache never outlives the key it lacks by more.
 */
export const JWKS_MAX_AGE_SECONDS = 60;

/**
 * GET /.well-known/jwks.json (RFC 7517 §5): the public keys that verify access tokens, current
 * first, for a resource server that verifies them offline. Never a private half, nor the HMAC key.
 */
export async function jwksResponse(): Promise<Response> {
  const config = configOrFailure();
  if ('failure' in config) return failureResponse(config.failure);
  try {
    const { access } = await getKeyRing(config);
    const maxAge = Math.min(JWKS_MAX_AGE_SECONDS, config.accessTtlSeconds);
    const body: { keys: PublishedKey[] } = { keys: access.jwks };
    return Response.json(body, { headers: { 'Cache-Control': `public, max-age=${maxAge}` } });
  } catch (error) {
    return unexpectedErrorResponse(error, '/.well-known/jwks.json');
  }
}
