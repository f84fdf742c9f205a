import { TOKEN_PARAM, TTL_PARAM } from '../contract';

export type TokenLookup =
  | { ok: true; token: string; via: 'query' | 'header' }
  | { ok: false; failure: 'missing' }
  | { ok: false; failure: 'invalid_request'; description: string };

// The scheme is matched in any case (RFC 9110 §11.1); what follows it must be exactly one b64token
// (RFC 6750 §2.1). Anchored, so that `XBearer t` or `Basic x, Bearer t` is not read as Bearer.
const BEARER_SCHEME = /^bearer(?: |$)/i;
const BEARER = /^bearer +([\w.~+/-]+=*) *$/i;

/** Finds the bearer token in `?token=` (as the tutorial sends it) or `Authorization: Bearer`, per RFC 6750 §2. */
export function tokenFromRequest(request: Request): TokenLookup {
  const fromQuery = new URL(request.url).searchParams.getAll(TOKEN_PARAM);
  if (fromQuery.length > 1) return invalidRequest('Send the token once, not in repeated token parameters.');

  const authorization = request.headers.get('authorization');
  // Any other scheme (Basic, say) carries no bearer token: the request is simply unauthenticated.
  const isBearer = authorization !== null && BEARER_SCHEME.test(authorization);
  const fromHeader = isBearer ? BEARER.exec(authorization)?.[1] : undefined;
  // Headers come without surrounding whitespace (RFC 9110 §5.5), so anything after the scheme is something.
  if (isBearer && fromHeader === undefined) {
    return invalidRequest(
      authorization.length > 'bearer'.length
        ? 'The Bearer scheme takes exactly one token, in base64url.'
        : 'The Bearer scheme needs a token after it.',
    );
  }

  const query = fromQuery[0] || null;
  if (query !== null && fromHeader !== undefined) {
    return invalidRequest('Send the token in the query or the Authorization header, not both.');
  }
  if (fromHeader !== undefined) return { ok: true, token: fromHeader, via: 'header' };
  if (query !== null) return { ok: true, token: query, via: 'query' };
  return { ok: false, failure: 'missing' };
}

function invalidRequest(description: string): TokenLookup {
  return { ok: false, failure: 'invalid_request', description };
}

export type TtlRequest = { ok: true; ttlSeconds: number } | { ok: false; message: string };

/** Reads `/login?ttl=N`: a whole number of seconds from 1 to the configured maximum, which is also the default. */
export function requestedTtl(request: Request, maxSeconds: number): TtlRequest {
  const values = new URL(request.url).searchParams.getAll(TTL_PARAM);
  if (values.length === 0) return { ok: true, ttlSeconds: maxSeconds };
  const ttl = Number(values[0]);
  if (values.length === 1 && /^[1-9]\d*$/.test(values[0]!) && ttl <= maxSeconds) return { ok: true, ttlSeconds: ttl };
  return { ok: false, message: `ttl must be a whole number of seconds from 1 to ${maxSeconds}.` };
}
