export type TokenLookup =
  | { ok: true; token: string; via: 'query' | 'header' }
  | { ok: false; failure: 'missing' }
  | { ok: false; failure: 'invalid_request'; description: string };

const BEARER = /^bearer(?: +(\S*))? *$/i;

/** Finds the bearer token in `?token=` (as the tutorial sends it) or `Authorization: Bearer`, per RFC 6750 §2. */
export function tokenFromRequest(request: Request): TokenLookup {
  const fromQuery = new URL(request.url).searchParams.getAll('token');
  if (fromQuery.length > 1) return invalidRequest('Send the token once, not in repeated token parameters.');

  const authorization = request.headers.get('authorization');
  const bearer = authorization === null ? null : BEARER.exec(authorization);
  // Any other scheme (Basic, say) carries no bearer token: the request is simply unauthenticated.
  const fromHeader = bearer ? bearer[1] ?? '' : null;
  if (fromHeader === '') return invalidRequest('The Bearer scheme needs a token after it.');

  const query = fromQuery[0] || null;
  if (query !== null && fromHeader !== null) {
    return invalidRequest('Send the token in the query or the Authorization header, not both.');
  }
  if (fromHeader !== null) return { ok: true, token: fromHeader, via: 'header' };
  if (query !== null) return { ok: true, token: query, via: 'query' };
  return { ok: false, failure: 'missing' };
}

function invalidRequest(description: string): TokenLookup {
  return { ok: false, failure: 'invalid_request', description };
}

export type TtlRequest = { ok: true; ttlSeconds: number } | { ok: false; message: string };

/** Reads `/login?ttl=N`: a whole number of seconds from 1 to the configured maximum, which is also the default. */
export function requestedTtl(request: Request, maxSeconds: number): TtlRequest {
  const values = new URL(request.url).searchParams.getAll('ttl');
  if (values.length === 0) return { ok: true, ttlSeconds: maxSeconds };
  const ttl = Number(values[0]);
  if (values.length === 1 && /^[1-9]\d*$/.test(values[0]!) && ttl <= maxSeconds) return { ok: true, ttlSeconds: ttl };
  return { ok: false, message: `ttl must be a whole number of seconds from 1 to ${maxSeconds}.` };
}
