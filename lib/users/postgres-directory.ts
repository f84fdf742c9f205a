import 'server-only';
import pg from 'pg';
import type { Role } from '../contract';
import type { PostgresConnection, Query } from '../store/postgres';
import { encodeCursor, keysetOf } from './cursor';
import type { ChangeOutcome, CreateOutcome, SeedOutcome, UserDirectory, UserPage, UserRecord } from './directory';
import { nameKey } from './names';

type Row = { id: string; name: string; password_hash: string; role: Role; created_at: string; expires_at: string | null };
const COLUMNS = 'id, name, password_hash, role, created_at, expires_at';
// A user is live while expires_at is null or later than now (the parameter numbered in each statement).
const liveAt = (now: string) => `(expires_at IS NULL OR expires_at > ${now})`;
const INSERT = `INSERT INTO users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * Users in PostgreSQL (migrations/001_users_todos.sql). A name is unique in any case by the index
 * on lower(name): a second one is refused by the database, never by a read before the write. No
 * cap: unlike a Redis of fixed memory, the database is sized for its records.
 */
export class PostgresDirectory implements UserDirectory {
  constructor(private readonly db: PostgresConnection) {}

  async create(user: UserRecord): Promise<CreateOutcome> {
    try {
      await this.db.query(INSERT, values(user));
      return 'created';
    } catch (error) {
      if (error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === 'users_name_key') return 'name_taken';
      throw error;
    }
  }

  seed(user: UserRecord): Promise<SeedOutcome> {
    // The name recorded first: a seed applied at the same moment elsewhere waits on that row, and
    // then finds it. ON CONFLICT rather than a caught 23505, which would abort the transaction.
    return this.db.transaction(async (query) => {
      const first = await query('INSERT INTO seeded_names (name_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name_key', [nameKey(user.name)]);
      if (first.length === 0) return 'applied_before';
      const created = await query(`${INSERT} ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`, values(user));
      return created.length === 1 ? 'created' : 'name_taken';
    });
  }

  async wasSeeded(name: string): Promise<boolean> {
    if (!storable(name)) return false;
    return (await this.db.query('SELECT 1 FROM seeded_names WHERE name_key = $1', [nameKey(name)])).length === 1;
  }

  async byId(id: string): Promise<UserRecord | null> {
    if (!storable(id)) return null;
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND ${liveAt('$2')}`, [id, Date.now()]);
    return row ? parse(row) : null;
  }

  async byName(name: string): Promise<UserRecord | null> {
    if (!storable(name)) return null;
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE lower(name) = $1 AND ${liveAt('$2')}`, [nameKey(name), Date.now()]);
    return row ? parse(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE ${liveAt('$1')} ORDER BY created_at, id`, [Date.now()])).map(parse);
  }

  // Keyset paging on the index users_by_age: the row comparison starts the scan at the cursor's
  // place, however far into the list it is. One row more than asked says whether a page follows.
  async page({ after, limit }: { after?: string; limit: number }): Promise<UserPage> {
    const from = after === undefined ? null : keysetOf(after);
    const rows = from
      ? await this.db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE (created_at, id) > ($1, $2) AND ${liveAt('$3')} ORDER BY created_at, id LIMIT $4`, [from.createdAt, from.id, Date.now(), limit + 1])
      : await this.db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE ${liveAt('$1')} ORDER BY created_at, id LIMIT $2`, [Date.now(), limit + 1]);
    const users = rows.slice(0, limit).map(parse);
    const last = users.at(-1);
    return { users, next: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async expired(now: number): Promise<string[]> {
    return (await this.db.query<{ id: string }>('SELECT id FROM users WHERE expires_at <= $1 ORDER BY expires_at, id', [now])).map((row) => row.id);
  }

  async setRole(id: string, role: Role): Promise<ChangeOutcome> {
    if (!storable(id)) return 'not_found';
    if (role === 'admin') return changedOrNotFound(await this.db.query('UPDATE users SET role = $2 WHERE id = $1 RETURNING id', [id, role]));
    return this.db.transaction(async (query) => {
      if (await isLastAdmin(query, id)) return 'last_admin';
      return changedOrNotFound(await query('UPDATE users SET role = $2 WHERE id = $1 RETURNING id', [id, role]));
    });
  }

  async setPasswordHash(id: string, passwordHash: string, expected: string | null): Promise<boolean> {
    if (!storable(id)) return false;
    // One statement: the row is locked while it is compared and changed, so one of two wins.
    const rows = await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1 AND ($3::text IS NULL OR password_hash = $3) RETURNING id', [id, passwordHash, expected]);
    return rows.length === 1;
  }

  async remove(id: string): Promise<ChangeOutcome> {
    if (!storable(id)) return 'not_found';
    return this.db.transaction(async (query) => {
      if (await isLastAdmin(query, id)) return 'last_admin';
      return changedOrNotFound(await query('DELETE FROM users WHERE id = $1 RETURNING id', [id]));
    });
  }
}

/**
 * True when `id` is the one live admin. Every admin's row is locked first, in one order: a
 * demotion or removal at the same moment waits here for this transaction to end, and then counts
 * what it left (READ COMMITTED reads a locked row again once it is free). Admins are few. An admin
 * whose time is up is no longer one: the last admin is the last live one.
 */
async function isLastAdmin(query: Query, id: string): Promise<boolean> {
  const admins = await query<{ id: string; live: boolean }>(`SELECT id, ${liveAt('$1')} AS live FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`, [Date.now()]);
  const live = admins.filter((admin) => admin.live);
  return live.length === 1 && live[0]!.id === id;
}

// PostgreSQL's text cannot hold a NUL character (it refuses it, 22021): no stored id or name has
// one, so a lookup by one finds no one instead of failing.
const storable = (value: string) => !value.includes('\0');

const changedOrNotFound = (rows: unknown[]): ChangeOutcome => (rows.length === 1 ? 'changed' : 'not_found');

const values = (user: UserRecord) => [user.id, user.name, user.passwordHash, user.role, user.createdAt, user.expiresAt ?? null];

// bigint columns arrive as strings: milliseconds fit a double exactly.
function parse(row: Row): UserRecord {
  const record: UserRecord = { id: row.id, name: row.name, passwordHash: row.password_hash, role: row.role, createdAt: Number(row.created_at) };
  return row.expires_at === null ? record : { ...record, expiresAt: Number(row.expires_at) };
}
