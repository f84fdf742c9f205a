import 'server-only';
import { TODO_TEXT, type TodoView } from '../contract';
import type { Stores } from '../stores';
import type { Caller } from '../caller';
import type { TodoChange, TodoRecord } from './store';

// One function per operation on a user's to-dos, called alike by the /api routes and the account
// page's Server Actions: two transports, one rule. Each takes the caller as the route or the DAL
// verified them, and touches only the caller's own to-dos.

/** The caller's to-dos, newest first. */
export async function listTodos(stores: Stores, caller: Caller): Promise<TodoView[]> {
  return (await stores.todos.list(caller.id)).map(todoView);
}

/** Adds a to-do for the caller; 'full' past MAX_TODOS_PER_USER. */
export async function addTodo(stores: Stores, caller: Caller, text: string): Promise<TodoView | 'full'> {
  const now = Date.now();
  const todo: TodoRecord = { id: crypto.randomUUID(), text, complete: false, createdAt: now, updatedAt: now };
  return (await stores.todos.add(caller.id, todo)) === 'added' ? todoView(todo) : 'full';
}

/** One of the caller's to-dos; null for another user's, an unknown or a malformed id alike. */
export async function getTodo(stores: Stores, caller: Caller, id: string): Promise<TodoView | null> {
  if (!isTodoId(id)) return null;
  const todo = await stores.todos.get(caller.id, id);
  return todo && todoView(todo);
}

/** Changes one of the caller's to-dos; null as for getTodo. */
export async function updateTodo(stores: Stores, caller: Caller, id: string, change: TodoChange): Promise<TodoView | null> {
  if (!isTodoId(id)) return null;
  const todo = await stores.todos.update(caller.id, id, change, Date.now());
  return todo && todoView(todo);
}

/** Deletes one of the caller's to-dos; false as getTodo's null. */
export async function deleteTodo(stores: Stores, caller: Caller, id: string): Promise<boolean> {
  return isTodoId(id) && (await stores.todos.remove(caller.id, id));
}

const TODO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A to-do id as this server makes them (a UUID); anything else is not found, never parsed. */
export const isTodoId = (id: string) => TODO_ID.test(id);

function todoView({ id, text, complete, createdAt, updatedAt }: TodoRecord): TodoView {
  return { id, text, complete, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

// A NUL, which PostgreSQL's text cannot hold, or half of a surrogate pair, which no encoding can
// store as given (UTF-8 would keep U+FFFD in its place).
const UNSTORABLE = /\0|\p{Cs}/u;

/** A to-do's text, as given: a string of TODO_TEXT.min to .max characters once trimmed, every one storable. */
export function checkText(value: unknown, field = 'text'): Checked<string> {
  if (typeof value !== 'string') return { ok: false, field, message: `${field} must be a string.` };
  const text = value.trim();
  if (text.length < TODO_TEXT.min || text.length > TODO_TEXT.max) {
    return { ok: false, field, message: `${field} must be ${TODO_TEXT.min} to ${TODO_TEXT.max} characters.` };
  }
  if (UNSTORABLE.test(text)) return { ok: false, field, message: `${field} must not hold a NUL character or half of a surrogate pair.` };
  return { ok: true, value: text };
}

/** The body of POST /api/todos: `{"text"}` and nothing else. */
export function checkNewTodo(body: Record<string, unknown>): Checked<string> {
  const unknown = Object.keys(body).find((field) => field !== 'text');
  if (unknown !== undefined) return { ok: false, field: unknown, message: `${unknown} is not a field of a to-do: send only text.` };
  return checkText(body.text);
}

/** The body of PATCH /api/todos/:id: `{"text"?, "complete"?}`, at least one, and nothing else. */
export function checkTodoChange(body: Record<string, unknown>): Checked<TodoChange> {
  const unknown = Object.keys(body).find((field) => field !== 'text' && field !== 'complete');
  if (unknown !== undefined) return { ok: false, field: unknown, message: `${unknown} is not a field a to-do can change: send text or complete.` };
  if (body.text === undefined && body.complete === undefined) return { ok: false, field: 'text', message: 'Send text, complete, or both.' };
  const change: TodoChange = {};
  if (body.text !== undefined) {
    const text = checkText(body.text);
    if (!text.ok) return text;
    change.text = text.value;
  }
  if (body.complete !== undefined) {
    if (typeof body.complete !== 'boolean') return { ok: false, field: 'complete', message: 'complete must be true or false.' };
    change.complete = body.complete;
  }
  return { ok: true, value: change };
}
