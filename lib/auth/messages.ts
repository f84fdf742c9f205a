/** The answers the API gives, word for word from the tutorial, and the realms it challenges with. */
export const MESSAGES = {
  unprotected: 'Anyone can view this!',
  protected: 'This is only available for people with valid tokens.',
  couldNotVerify: 'Could not verify!',
  tokenMissing: 'Token is missing!',
  tokenInvalid: 'Token is invalid!',
} as const;

export const BASIC_REALM = 'Login Required';
export const BEARER_REALM = 'protected';

/** Why a token was refused: the `reason` field of a 401 body. */
export type InvalidTokenReason =
  | 'malformed'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_claims';

/** The `error_description` sent with each reason. Fixed text: a response never echoes the token. */
export const REASON_DESCRIPTIONS: Record<InvalidTokenReason, string> = {
  malformed: 'The token is not a well-formed JWT.',
  unsupported_algorithm: 'The token must be signed with HS256.',
  bad_signature: 'The token signature does not match.',
  expired: 'The token has expired.',
  not_yet_valid: 'The token is not valid yet.',
  invalid_claims: 'The token claims are missing or invalid.',
};
