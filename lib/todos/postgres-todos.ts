import 'server-only';
import type { PostgresConnection } from '../store/postgres';
import { MAX_TODOS_PER_USER, type TodoChange, type TodoRecord, type TodoStore } from './store';

type Row = { id: string; text: string; complete: boolean; created_at: string; updated_at: string };
const COLUMNS = 'id, text, complete, created_at, updated_at';

/** To-dos in PostgreSQL (migrations/001_users_todos.sql): every statement names its owner. */
export class PostgresTodos implements TodoStore {
  constructor(private readonly db: PostgresConnection) {}

  async list(userId: string): Promise<TodoRecord[]> {
    return (await this.db.query<Row>(`SELECT ${COLUMNS} FROM todos WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, [userId])).map(parse);
  }

  add(userId: string, todo: TodoRecord): Promise<'added' | 'full'> {
    // The user's lock first, then the count in a statement after it: two adds at once cannot both
    // see room for one.
    return this.db.transaction(async (query) => {
      await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`todos:${userId}`]);
      const added = await query(
        `INSERT INTO todos (user_id, ${COLUMNS}) SELECT $1, $2, $3, $4, $5, $6 WHERE (SELECT count(*) FROM todos WHERE user_id = $1) < $7 RETURNING id`,
        [userId, todo.id, todo.text, todo.complete, todo.createdAt, todo.updatedAt, MAX_TODOS_PER_USER],
      );
      return added.length === 1 ? 'added' : 'full';
    });
  }

  async get(userId: string, id: string): Promise<TodoRecord | null> {
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM todos WHERE user_id = $1 AND id = $2`, [userId, id]);
    return row ? parse(row) : null;
  }

  async update(userId: string, id: string, change: TodoChange, now: number): Promise<TodoRecord | null> {
    const [row] = await this.db.query<Row>(
      `UPDATE todos SET text = coalesce($3, text), complete = coalesce($4, complete), updated_at = $5 WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [userId, id, change.text ?? null, change.complete ?? null, now],
    );
    return row ? parse(row) : null;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM todos WHERE user_id = $1 AND id = $2 RETURNING id', [userId, id])).length === 1;
  }

  async removeAll(userId: string): Promise<void> {
    await this.db.query('DELETE FROM todos WHERE user_id = $1', [userId]);
  }
}

// bigint columns arrive as strings: milliseconds fit a double exactly.
function parse(row: Row): TodoRecord {
  return { id: row.id, text: row.text, complete: row.complete, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
}
