import 'server-only';
import type { UserRecord } from './directory';

// Where a page of the users list ends: the last user's place in the order (createdAt, id), so that
// the next page starts after that place whether or not that user still exists (keyset paging, not
// an offset: a user added or removed meanwhile neither repeats nor skips the others). base64url of
// a JSON pair, not signed: it only says where to resume a list its holder may read whole anyway,
// and each backend reads it as two plain values (a parameter in SQL), never as a query.

/** A place in the users' order: after the user created at `createdAt` with this `id`. */
export interface Keyset {
  createdAt: number;
  id: string;
}

// Ids are UUIDs; a cursor of any length more than a generous one is refused before it is read.
const MAX_CURSOR_LENGTH = 256;
const MAX_ID_LENGTH = 128;

/** The cursor naming the place of `user`. */
export const encodeCursor = ({ createdAt, id }: Keyset): string => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

/** The place a cursor names; null for anything that `encodeCursor` did not make. */
export function decodeCursor(cursor: string): Keyset | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let pair: unknown;
  try {
    pair = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(pair) || pair.length !== 2) return null;
  const [createdAt, id] = pair as unknown[];
  if (!Number.isSafeInteger(createdAt) || (createdAt as number) < 0) return null;
  // A NUL, which PostgreSQL's text cannot hold, is in no stored id.
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes('\0')) return null;
  return { createdAt: createdAt as number, id };
}

/** Orders users by (createdAt, id): the users list's order on every backend held in memory. */
export const byAge = (a: Keyset, b: Keyset) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The page after `after` of users already live and in `byAge` order, as the directories held in
 * memory serve it. A malformed `after` throws: callers check a cursor from outside first.
 */
export function pageOf(users: UserRecord[], { after, limit }: { after?: string; limit: number }): { users: UserRecord[]; next: string | null } {
  const from = after === undefined ? null : keysetOf(after);
  const rest = from ? users.filter((user) => byAge(user, from) > 0) : users;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { users: page, next: rest.length > limit && last ? encodeCursor(last) : null };
}

/** The place `cursor` names; throws for a malformed one, which a caller should have refused. */
export function keysetOf(cursor: string): Keyset {
  const keyset = decodeCursor(cursor);
  if (!keyset) throw new TypeError('A malformed users cursor reached the directory: check it with decodeCursor first.');
  return keyset;
}
