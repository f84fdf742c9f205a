import 'server-only';
import { MESSAGES, ROLES, USERS_PAGE, type Role, type UserList, type UserView } from '../contract';
import type { Caller } from '../caller';
import type { Stores } from '../stores';
import type { Checked } from '../todos/todos';
import { isBlockedPassword } from './blocklist';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './config';
import { decodeCursor } from './cursor';
import type { ChangeOutcome, CreateOutcome, UserRecord } from './directory';
import { isValidName, NAME_RULE } from './names';
import { hashPassword } from './passwords';

// One function per operation on the users, for admins, called alike by the /api routes and the
// account page's Server Actions. The caller's role is checked by the route or the DAL before these
// run; these keep the rules that hold whoever asks: unique names, the last admin, and a change of
// role or a removal ending every session of that user at once.

/** A user as the API shows them: never the hash. */
export function userView({ id, name, role, createdAt, expiresAt }: UserRecord): UserView {
  const view: UserView = { id, name, role, createdAt: new Date(createdAt).toISOString() };
  return expiresAt === undefined ? view : { ...view, expiresAt: new Date(expiresAt).toISOString() };
}

/** Which page of the users: `limit` of them, after the place `cursor` (a page's `next_cursor`) names. */
export interface UserListQuery {
  limit: number;
  cursor?: string;
}

/** One page of the users, oldest first, and the cursor of the page after it (null on the last). */
export async function listUsers(stores: Stores, { limit = USERS_PAGE.default, cursor }: Partial<UserListQuery> = {}): Promise<UserList> {
  await removeExpiredUsers(stores);
  const page = await stores.users.page(cursor === undefined ? { limit } : { after: cursor, limit });
  return { users: page.users.map(userView), next_cursor: page.next };
}

/**
 * The query of GET /api/users: `limit`, a whole number from 1 to USERS_PAGE.max, and `cursor`, a
 * page's `next_cursor` as it was given. Each at most once; other parameters are not this route's.
 */
export function checkUserListQuery(params: URLSearchParams): Checked<UserListQuery> {
  const [limits, cursors] = [params.getAll('limit'), params.getAll('cursor')];
  if (limits.length > 1) return { ok: false, field: 'limit', message: 'Send limit once.' };
  if (cursors.length > 1) return { ok: false, field: 'cursor', message: 'Send cursor once.' };
  const [limit, cursor] = [limits[0], cursors[0]];
  if (limit !== undefined && !(/^[1-9][0-9]{0,2}$/.test(limit) && Number(limit) <= USERS_PAGE.max)) {
    return { ok: false, field: 'limit', message: `limit must be a whole number from 1 to ${USERS_PAGE.max} (default ${USERS_PAGE.default}).` };
  }
  if (cursor !== undefined && decodeCursor(cursor) === null) {
    return { ok: false, field: 'cursor', message: 'cursor must be the next_cursor of a page of GET /api/users, as it was given.' };
  }
  const query: UserListQuery = { limit: limit === undefined ? USERS_PAGE.default : Number(limit) };
  return { ok: true, value: cursor === undefined ? query : { ...query, cursor } };
}

/** The most expired users one sweep removes: a request's work stays bounded however many wait. */
export const SWEEP_BATCH = 10;

/**
 * Removes users whose time is up, as an admin's removal would, SWEEP_BATCH at most. The directory
 * already finds them nowhere, so that their tokens and sessions are refused from that moment; this
 * frees their names and their room. Run before every creation and listing, so that users made for
 * a while cannot fill a public deploy's directory however many are made and left: each creation
 * frees more places than it takes.
 */
export async function removeExpiredUsers(stores: Stores, now = Date.now()): Promise<void> {
  await Promise.all((await stores.users.expired(now)).slice(0, SWEEP_BATCH).map((id) => removeUser(stores, id)));
}

/** A user by public id; null for an unknown or malformed id. */
export async function getUser(stores: Stores, id: string): Promise<UserView | null> {
  const user = await stores.users.byId(id);
  return user && userView(user);
}

export interface NewUser {
  name: string;
  password: string;
  role: Role;
  /** Seconds until the user is removed by themselves; absent for a user who stays. */
  expiresIn?: number;
}

/** Users made for a while last at most a week. */
export const MAX_EXPIRES_IN_SECONDS = 7 * 24 * 60 * 60;

/** Adds a user, hashing the password; 'name_taken' and 'full' as the directory says. */
export async function createUser(stores: Stores, { name, password, role, expiresIn }: NewUser): Promise<UserView | Exclude<CreateOutcome, 'created'>> {
  await removeExpiredUsers(stores);
  const createdAt = Date.now();
  const record: UserRecord = { id: crypto.randomUUID(), name, passwordHash: await hashPassword(password), role, createdAt };
  if (expiresIn !== undefined) record.expiresAt = createdAt + expiresIn * 1000;
  const outcome = await stores.users.create(record);
  return outcome === 'created' ? userView(record) : outcome;
}

/** Gives a user another role, and ends their sessions, whose tokens name the old one. */
export async function changeRole(stores: Stores, id: string, role: Role): Promise<UserView | Exclude<ChangeOutcome, 'changed'>> {
  const user = await stores.users.byId(id);
  if (!user) return 'not_found';
  if (user.role === role) return userView(user);
  const outcome = await stores.users.setRole(id, role);
  if (outcome !== 'changed') return outcome;
  await stores.sessions.revokeAllForUser(id);
  return userView({ ...user, role });
}

/** Removes a user, with their to-dos and their sessions. */
export async function removeUser(stores: Stores, id: string): Promise<ChangeOutcome> {
  const outcome = await stores.users.remove(id);
  if (outcome !== 'changed') return outcome;
  await Promise.all([stores.sessions.revokeAllForUser(id), stores.todos.removeAll(id)]);
  return 'changed';
}

/** True when the caller may manage the users. */
export const isAdmin = (caller: Caller) => caller.role === 'admin';

/** The body of POST /api/users: `{"name", "password", "role"?, "expiresIn"?}` and nothing else. */
export async function checkNewUser(body: Record<string, unknown>): Promise<Checked<NewUser>> {
  const unknown = Object.keys(body).find((field) => !['name', 'password', 'role', 'expiresIn'].includes(field));
  if (unknown !== undefined) return { ok: false, field: unknown, message: `${unknown} is not a field of a user: send name, password, role and expiresIn.` };
  const { name, password, role = 'user', expiresIn } = body;
  if (typeof name !== 'string' || !isValidName(name)) return { ok: false, field: 'name', message: NAME_RULE };
  const checked = await checkNewPassword(password, name);
  if (!checked.ok) return checked;
  const checkedRole = checkRole(role);
  if (!checkedRole.ok) return checkedRole;
  const user: NewUser = { name, password: checked.value, role: checkedRole.value };
  if (expiresIn === undefined) return { ok: true, value: user };
  if (!Number.isSafeInteger(expiresIn) || (expiresIn as number) < 1 || (expiresIn as number) > MAX_EXPIRES_IN_SECONDS) {
    return { ok: false, field: 'expiresIn', message: `expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN_SECONDS} (a week).` };
  }
  return { ok: true, value: { ...user, expiresIn: expiresIn as number } };
}

/** The body of PATCH /api/users/:id: `{"role"}` and nothing else. */
export function checkRoleChange(body: Record<string, unknown>): Checked<Role> {
  const unknown = Object.keys(body).find((field) => field !== 'role');
  if (unknown !== undefined) return { ok: false, field: unknown, message: `${unknown} cannot be changed here: send only role.` };
  return checkRole(body.role);
}

/** A role: `admin` or `user`. */
export function checkRole(value: unknown): Checked<Role> {
  return (ROLES as readonly unknown[]).includes(value) ? { ok: true, value: value as Role } : { ok: false, field: 'role', message: 'role must be "admin" or "user".' };
}

/**
 * A password by NIST SP 800-63B-4: at least 15 characters for one used alone, long ones allowed
 * (up to 256 here), and no rules of composition.
 */
export function checkPassword(value: unknown, field = 'password'): Checked<string> {
  if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH || value.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, field, message: `${field} must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; any characters, no rules.` };
  }
  return { ok: true, value };
}

/** A password someone is about to start using, for the user of this name: the length rule, then the blocklist (blocklist.ts). */
export async function checkNewPassword(value: unknown, userName: string, field = 'password'): Promise<Checked<string>> {
  const checked = checkPassword(value, field);
  if (!checked.ok) return checked;
  return (await isBlockedPassword(checked.value, userName)) ? { ok: false, field, message: MESSAGES.passwordBlocked } : checked;
}
