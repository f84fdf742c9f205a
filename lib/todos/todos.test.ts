import { describe, expect, it } from 'vitest';
import { checkNewTodo, checkText, checkTodoChange, isTodoId } from './todos';

describe('the body of POST /api/todos', () => {
  it('takes {"text"}, trimmed', () => {
    expect(checkNewTodo({ text: '  milk  ' })).toEqual({ ok: true, value: 'milk' });
  });

  it.each([
    [{}, 'text', 'text must be a string.'],
    [{ text: 42 }, 'text', 'text must be a string.'],
    [{ text: null }, 'text', 'text must be a string.'],
    [{ text: '   ' }, 'text', 'text must be 1 to 500 characters.'],
    [{ text: 'x'.repeat(501) }, 'text', 'text must be 1 to 500 characters.'],
    [{ text: 'milk', done: true }, 'done', 'done is not a field of a to-do: send only text.'],
    [{ text: 'milk\u0000' }, 'text', 'text must not hold a NUL character or half of a surrogate pair.'],
    [{ text: 'cat \ud83d' }, 'text', 'text must not hold a NUL character or half of a surrogate pair.'],
    [{ text: '\udc31 cat' }, 'text', 'text must not hold a NUL character or half of a surrogate pair.'],
  ])('refuses %j, naming %s', (body, field, message) => {
    expect(checkNewTodo(body)).toEqual({ ok: false, field, message });
  });

  it('takes text of exactly 1 and 500 characters', () => {
    expect(checkText('x').ok).toBe(true);
    expect(checkText('x'.repeat(500)).ok).toBe(true);
  });

  it('takes whole surrogate pairs, quotes and SQL as any other text', () => {
    expect(checkNewTodo({ text: "🐱 '; DROP TABLE todos; --" })).toEqual({ ok: true, value: "🐱 '; DROP TABLE todos; --" });
  });
});

describe('the body of PATCH /api/todos/:id', () => {
  it('takes text, complete, or both', () => {
    expect(checkTodoChange({ complete: true })).toEqual({ ok: true, value: { complete: true } });
    expect(checkTodoChange({ text: 'eggs' })).toEqual({ ok: true, value: { text: 'eggs' } });
    expect(checkTodoChange({ text: 'eggs', complete: false })).toEqual({ ok: true, value: { text: 'eggs', complete: false } });
  });

  it.each([
    [{}, 'text'],
    [{ complete: 'yes' }, 'complete'],
    [{ complete: 1 }, 'complete'],
    [{ text: '' }, 'text'],
    [{ text: 'a\u0000b' }, 'text'],
    [{ id: 'another', complete: true }, 'id'],
    [{ createdAt: 0 }, 'createdAt'],
  ])('refuses %j, naming %s', (body, field) => {
    expect(checkTodoChange(body)).toMatchObject({ ok: false, field });
  });
});

describe('a to-do id', () => {
  it('is a UUID as this server makes them; anything else is not one', () => {
    expect(isTodoId(crypto.randomUUID())).toBe(true);
    for (const id of ['1', 'abc', '../users', `${crypto.randomUUID()}x`, crypto.randomUUID().toUpperCase()]) expect(isTodoId(id)).toBe(false);
  });
});
