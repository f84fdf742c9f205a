import { formatTimingEntry, GATE_TIMING_HEADER, parseServerTiming, VERDICTS, type Layer, type TimingEntry, type Verdict } from '../contract';
import { AuthConfigError, getAuthConfig, type AuthConfig } from './config';
import { checkCredentials, parseBasicAuth, type BasicCredentials } from './credentials';
import { requestedTtl, tokenFromRequest } from './request';
import { failureResponse, unexpectedErrorResponse, type AuthFailure } from './responses';
import { signToken, verifyToken, type SessionClaims } from './token';

export { failureResponse, NO_STORE, unexpectedErrorResponse, type AuthFailure } from './responses';
export { getAuthConfig, type AuthConfig } from './config';
export { signAccessToken, signRefreshToken, verifyRefreshToken, type SessionClaims } from './token';
export { timingSafeEqual } from './credentials';
export { checkCsrfToken, csrfTokenFor } from './csrf';

export type AuthResult = { ok: true; user: string; session?: SessionClaims } | { ok: false; failure: AuthFailure };
export type LoginResult = { ok: true; token: string } | { ok: false; failure: AuthFailure };

/** Finds and verifies the request's bearer token. */
export async function authenticate(request: Request): Promise<AuthResult> {
  const config = configOrFailure();
  if ('failure' in config) return config;

  const lookup = tokenFromRequest(request);
  if (!lookup.ok) {
    return lookup.failure === 'missing'
      ? { ok: false, failure: { kind: 'missing' } }
      : { ok: false, failure: { kind: 'invalid_request', description: lookup.description } };
  }
  const verified = await verifyToken(config, lookup.token);
  return verified.ok ? verified : { ok: false, failure: { kind: 'invalid_token', reason: verified.reason } };
}

/**
 * What the session store says of a session token's session. Given by Node route handlers only:
 * lib/auth holds no state, and the edge gate reaches no store.
 */
export type SessionLookup = (sid: string) => Promise<{ live: boolean } | { unavailable: string }>;

export type TokenCheck = { ok: true; user: string; serverTiming: string } | { ok: false; response: Response };

/**
 * One layer's check of a /protected request, timed: the edge gate and then the route each call it.
 * With `sessions`, a session token's session must also be alive. A refusal comes as a finished
 * answer carrying the Server-Timing entries so far.
 */
export async function checkToken(request: Request, layer: Layer, sessions?: SessionLookup): Promise<TokenCheck> {
  const before = layer === 'route' ? passedOnByGate(request) : [];
  const started = performance.now();
  const timing = (verdict: Verdict) =>
    [...before, { layer, ms: performance.now() - started, verdict }].map(formatTimingEntry).join(', ');
  const pass = (user: string, verdict: Verdict): TokenCheck => ({ ok: true, user, serverTiming: timing(verdict) });
  const refuse = (response: Response, verdict: Verdict = VERDICTS.refused): TokenCheck => {
    response.headers.set('Server-Timing', timing(verdict));
    return { ok: false, response };
  };

  try {
    const auth = await authenticate(request);
    if (!auth.ok) return refuse(failureResponse(auth.failure));
    if (!auth.session) return pass(auth.user, VERDICTS.verified);
    if (!sessions) return pass(auth.user, VERDICTS.sessionNotChecked);

    const state = await sessions(auth.session.sid);
    if ('unavailable' in state) return refuse(failureResponse({ kind: 'unavailable', message: state.unavailable }), VERDICTS.unavailable);
    if (!state.live) return refuse(failureResponse({ kind: 'invalid_token', reason: 'revoked' }));
    return pass(auth.user, VERDICTS.sessionLive);
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

export type CredentialCheck = { ok: true; config: AuthConfig; username: string; ttlSeconds: number } | { ok: false; failure: AuthFailure };

/** Checks a login's Basic credentials and its `ttl` (from 1 to `maxTtl(config)`, which is also the default). */
export async function checkLogin(request: Request, maxTtl: (config: AuthConfig) => number): Promise<CredentialCheck> {
  const config = configOrFailure();
  if ('failure' in config) return config;

  const ttl = requestedTtl(request, maxTtl(config));
  if (!ttl.ok) return { ok: false, failure: { kind: 'bad_ttl', message: ttl.message } };
  const credentials: BasicCredentials | null = parseBasicAuth(request.headers.get('authorization'));
  if (!credentials || !(await checkCredentials(config, credentials))) return { ok: false, failure: { kind: 'bad_credentials' } };
  return { ok: true, config, username: credentials.username, ttlSeconds: ttl.ttlSeconds };
}

/** Checks the request's Basic credentials and `ttl`, and signs a tutorial token for the user. */
export async function logIn(request: Request): Promise<LoginResult> {
  const login = await checkLogin(request, (config) => config.ttlSeconds);
  if (!login.ok) return login;
  return { ok: true, token: await signToken(login.config, login.username, login.ttlSeconds) };
}

function configOrFailure(): AuthConfig | { ok: false; failure: AuthFailure } {
  try {
    return getAuthConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { ok: false, failure: { kind: 'config', message: error.message } };
    throw error;
  }
}
