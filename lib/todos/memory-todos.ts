import 'server-only';
import { MAX_TODOS_PER_USER, type TodoChange, type TodoRecord, type TodoStore } from './store';

/** To-dos in this process's memory: development, and AUTH_STORE=memory. */
export class MemoryTodos implements TodoStore {
  private readonly byUser = new Map<string, Map<string, TodoRecord>>();

  async list(userId: string): Promise<TodoRecord[]> {
    return [...(this.byUser.get(userId)?.values() ?? [])].map((todo) => ({ ...todo })).sort(newestFirst);
  }

  async add(userId: string, todo: TodoRecord): Promise<'added' | 'full'> {
    const todos = this.byUser.get(userId) ?? new Map<string, TodoRecord>();
    if (todos.size >= MAX_TODOS_PER_USER) return 'full';
    this.byUser.set(userId, todos.set(todo.id, { ...todo }));
    return 'added';
  }

  async get(userId: string, id: string): Promise<TodoRecord | null> {
    const todo = this.byUser.get(userId)?.get(id);
    return todo ? { ...todo } : null;
  }

  async update(userId: string, id: string, change: TodoChange, now: number): Promise<TodoRecord | null> {
    const todo = this.byUser.get(userId)?.get(id);
    if (!todo) return null;
    Object.assign(todo, change, { updatedAt: now });
    return { ...todo };
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return this.byUser.get(userId)?.delete(id) ?? false;
  }

  async removeAll(userId: string): Promise<void> {
    this.byUser.delete(userId);
  }
}

/** Newest first; a tie (the same millisecond) by id, so the order is stable. */
export function newestFirst(a: TodoRecord, b: TodoRecord): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);
}
