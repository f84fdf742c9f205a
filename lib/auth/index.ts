import { AuthConfigError, getAuthConfig, type AuthConfig } from './config';
import { checkCredentials, parseBasicAuth } from './credentials';
import { requestedTtl, tokenFromRequest } from './request';
import type { AuthFailure } from './responses';
import { signToken, verifyToken } from './token';

export { failureResponse, NO_STORE, type AuthFailure } from './responses';
export { MESSAGES } from './messages';

export type AuthResult = { ok: true; user: string } | { ok: false; failure: AuthFailure };
export type LoginResult = { ok: true; token: string } | { ok: false; failure: AuthFailure };

/** Finds and verifies the request's bearer token. Middleware and the protected route both call this. */
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

/** Checks the request's Basic credentials and `ttl`, and signs a token for the user. */
export async function logIn(request: Request): Promise<LoginResult> {
  const config = configOrFailure();
  if ('failure' in config) return config;

  const ttl = requestedTtl(request, config.ttlSeconds);
  if (!ttl.ok) return { ok: false, failure: { kind: 'bad_ttl', message: ttl.message } };
  const credentials = parseBasicAuth(request.headers.get('authorization'));
  if (!credentials || !checkCredentials(config, credentials)) return { ok: false, failure: { kind: 'bad_credentials' } };
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
