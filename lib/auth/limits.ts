// The numbers of the token rules: lifetimes, tolerances and sizes. Secret-free, so that the tests,
// the bench and the docs' checks can share them without touching a module that holds the secret.

/** Default and longest life of the tutorial's tokens (TOKEN_TTL_SECONDS). */
export const DEFAULT_TTL_SECONDS = 1800;
/** Default and longest life of a session's access tokens (ACCESS_TTL_SECONDS). */
export const DEFAULT_ACCESS_TTL_SECONDS = 300;
/** Life of a session's refresh token (REFRESH_TTL_SECONDS). */
export const DEFAULT_REFRESH_TTL_SECONDS = 86_400;
/** A session's absolute life (SESSION_LIFETIME_SECONDS): however it is used, it ends this long after login. */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 7 * 86_400;
/** An access token is refreshed before it expires; one that lived longer than a day would defeat that. */
export const MAX_ACCESS_TTL_SECONDS = 86_400;
/** Shortest JWT_SECRET accepted, in bytes: HS256's key should be at least as long as its hash (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;
/** Longest token accepted, checked before any decoding. Ours are about 200 characters. */
export const MAX_TOKEN_LENGTH = 8192;
/** Skew allowed for `nbf` and `iat` stamped by another instance's clock. `exp` gets none. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** The `iss` and `aud` of session tokens when JWT_ISSUER and JWT_AUDIENCE are not set. */
export const DEFAULT_ISSUER = 'nextjs-jwt-auth';
export const DEFAULT_AUDIENCE = 'nextjs-jwt-auth/api';
