import type { Role } from './contract';

/**
 * Who is asking, as a route or the DAL verified them: a session's access token or cookie, a live
 * session, and the user as the directory has them now. A DTO: never a hash, never a token.
 */
export interface Caller {
  /** The user's public id: the `sub` of their tokens. */
  id: string;
  name: string;
  /** From the directory at this request, not from the token: a stale `roles` claim buys nothing. */
  role: Role;
  /** The session this request belongs to. */
  sid: string;
}
