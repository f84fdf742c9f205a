import { formatTimingEntry, GATE_TIMING_HEADER, parseServerTiming, type Layer, type TimingEntry } from '../contract';
import { AuthConfigError, getAuthConfig, type AuthConfig } from './config';
import { checkCredentials, parseBasicAuth } from './credentials';
import { requestedTtl, tokenFromRequest } from './request';
import { failureResponse, unexpectedErrorResponse, type AuthFailure } from './responses';
import { signToken, verifyToken } from './token';

export { failureResponse, NO_STORE, unexpectedErrorResponse, type AuthFailure } from './responses';

export type AuthResult = { ok: true; user: string } | { ok: false; failure: AuthFailure };
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
  return verified.ok ? { ok: true, user: verified.user } : { ok: false, failure: { kind: 'invalid_token', reason: verified.reason } };
}

export type TokenCheck =
  | { ok: true; user: string; serverTiming: string }
  | { ok: false; response: Response };

/**
 * One layer's check of a /protected request, timed: the edge gate and then the route each call it.
 * The refusal comes as a finished answer carrying the Server-Timing entries so far.
 */
export async function checkToken(request: Request, layer: Layer): Promise<TokenCheck> {
  // The route reports the gate's entry first when the gate passed the request on (see middleware.ts).
  const before = layer === 'route' ? parseServerTiming(request.headers.get(GATE_TIMING_HEADER)).filter(passedByGate) : [];
  const started = performance.now();
  const timing = (verdict: 'verified' | 'refused' | 'error') =>
    [...before, { layer, ms: performance.now() - started, verdict }].map(formatTimingEntry).join(', ');

  let auth: AuthResult;
  try {
    auth = await authenticate(request);
  } catch (error) {
    return { ok: false, response: withHeader(unexpectedErrorResponse(error, layer), 'Server-Timing', timing('error')) };
  }
  if (auth.ok) return { ok: true, user: auth.user, serverTiming: timing('verified') };
  return { ok: false, response: withHeader(failureResponse(auth.failure), 'Server-Timing', timing('refused')) };
}

const passedByGate = (entry: TimingEntry) => entry.layer === 'gate' && entry.verdict === 'verified';

/** Checks the request's Basic credentials and `ttl`, and signs a token for the user. */
export async function logIn(request: Request): Promise<LoginResult> {
  const config = configOrFailure();
  if ('failure' in config) return config;

  const ttl = requestedTtl(request, config.ttlSeconds);
  if (!ttl.ok) return { ok: false, failure: { kind: 'bad_ttl', message: ttl.message } };
  const credentials = parseBasicAuth(request.headers.get('authorization'));
  if (!credentials || !(await checkCredentials(config, credentials))) return { ok: false, failure: { kind: 'bad_credentials' } };
  return { ok: true, token: await signToken(config, credentials.username, ttl.ttlSeconds) };
}

function configOrFailure(): AuthConfig | { ok: false; failure: AuthFailure } {
  try {
    return getAuthConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { ok: false, failure: { kind: 'config', message: error.message } };
    throw error;
  }
}

function withHeader(response: Response, name: string, value: string): Response {
  response.headers.set(name, value);
  return response;
}
