import 'server-only';

/** A to-do as the store keeps it. Times in milliseconds since the epoch. */
export interface TodoRecord {
  id: string;
  text: string;
  complete: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What a PATCH may change. */
export interface TodoChange {
  text?: string;
  complete?: boolean;
}

/** How many to-dos one user may have, so that a public deploy cannot be filled up. */
export const MAX_TODOS_PER_USER = 100;

/**
 * Each user's to-dos, kept per user: an id is looked up among its owner's to-dos only, so another
 * user's id is simply not found. PostgreSQL from DATABASE_URL, or memory in development without
 * it; one contract suite (todos-contract.test.ts) runs against both.
 */
export interface TodoStore {
  /** The user's to-dos, newest first. */
  list(userId: string): Promise<TodoRecord[]>;
  /** Adds one, unless the user has MAX_TODOS_PER_USER already. */
  add(userId: string, todo: TodoRecord): Promise<'added' | 'full'>;
  get(userId: string, id: string): Promise<TodoRecord | null>;
  /** Applies the change; null when the user has no such to-do. */
  update(userId: string, id: string, change: TodoChange, now: number): Promise<TodoRecord | null>;
  /** False when the user has no such to-do. */
  remove(userId: string, id: string): Promise<boolean>;
  /** Every to-do of the user: their account is going. */
  removeAll(userId: string): Promise<void>;
}
