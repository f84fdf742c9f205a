import {
  BASIC_REALM,
  BEARER_REALM,
  MESSAGES,
  REASON_DESCRIPTIONS,
  type ErrorBody,
  type InvalidTokenReason,
} from '../contract';

/** Why a request to /login, /protected or /auth/* was not served. */
export type AuthFailure =
  | { kind: 'bad_credentials' }
  | { kind: 'bad_ttl'; message: string }
  | { kind: 'missing' }
  | { kind: 'invalid_request'; description: string }
  | { kind: 'invalid_token'; reason: InvalidTokenReason }
  | { kind: 'config'; message: string }
  | { kind: 'unavailable'; message: string }
  /** Too many failed logins for this name or from this IP: wait `retryAfter` seconds. */
  | { kind: 'throttled'; retryAfter: number }
  /** A valid token whose user may not do this (RFC 6750 §3.1). */
  | { kind: 'insufficient_scope' };

/** Answers on /login and /protected may carry a token: no cache may keep them. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The JSON answer for a failure, with the challenge RFC 7617 or RFC 6750 §3 asks for. */
export function failureResponse(failure: AuthFailure): Response {
  switch (failure.kind) {
    case 'bad_credentials':
      return answer(401, { message: MESSAGES.couldNotVerify }, `Basic realm="${BASIC_REALM}"`);
    case 'bad_ttl':
      return answer(400, { message: failure.message });
    case 'missing':
      return answer(401, { message: MESSAGES.tokenMissing }, `Bearer realm="${BEARER_REALM}"`);
    case 'invalid_request':
      return answer(
        400,
        { message: failure.description },
        `Bearer realm="${BEARER_REALM}", error="invalid_request", error_description="${failure.description}"`,
      );
    case 'invalid_token':
      return answer(
        401,
        { message: MESSAGES.tokenInvalid, reason: failure.reason },
        `Bearer realm="${BEARER_REALM}", error="invalid_token", error_description="${REASON_DESCRIPTIONS[failure.reason]}"`,
      );
    case 'config':
      return answer(500, { message: failure.message });
    case 'unavailable':
      // The session store cannot answer: fail closed, and say it may pass.
      return answer(503, { message: failure.message });
    case 'insufficient_scope':
      return answer(
        403,
        { message: MESSAGES.insufficientScope },
        `Bearer realm="${BEARER_REALM}", error="insufficient_scope", error_description="${MESSAGES.insufficientScope}"`,
      );
    case 'throttled': {
      // One message for both buckets, so the answer does not say whether the name or the IP is locked.
      const response = answer(429, { message: MESSAGES.tooManyLogins });
      response.headers.set('Retry-After', String(failure.retryAfter));
      return response;
    }
  }
}

/**
 * The answer to an error no check expects (a bug, a WebCrypto failure): a generic 500, and one log
 * line naming the error. Never a 401: a broken server must not pass for a bad token.
 */
export function unexpectedErrorResponse(error: unknown, where: string): Response {
  // One line, no stack; long base64url runs are blanked, so no token can reach the log in a message.
  const detail = describe(error).replace(/[\w-]{20,}/g, '[…]').replace(/\s+/g, ' ');
  console.error(`Unexpected error in ${where}, answered 500. ${detail}`);
  return answer(500, { message: MESSAGES.serverError });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = error.cause === undefined ? '' : ` (cause: ${describe(error.cause)})`;
  return `${error.name}: ${error.message}${cause}`;
}

function answer(status: number, body: ErrorBody, challenge?: string): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (challenge) headers['WWW-Authenticate'] = challenge;
  return Response.json(body, { status, headers });
}
