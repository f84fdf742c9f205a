import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('users cursor', () => {
  it('names the place it was made for', () => {
    const place = { createdAt: 1_700_000_000_123, id: '4c1d8e2a-9b3f-4a6e-8d0c-2f7b5e1a3c9d' };
    const cursor = encodeCursor(place);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(place);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('[1,').toString('base64url')],
    ['not a pair', Buffer.from('[1]').toString('base64url')],
    ['an object', Buffer.from('{"createdAt":1,"id":"a"}').toString('base64url')],
    ['a time that is not a whole number', Buffer.from('[1.5,"a"]').toString('base64url')],
    ['a negative time', Buffer.from('[-1,"a"]').toString('base64url')],
    ['a time given as text', Buffer.from('["1","a"]').toString('base64url')],
    ['an empty id', Buffer.from('[1,""]').toString('base64url')],
    ['an id that is not text', Buffer.from('[1,2]').toString('base64url')],
    ['an id holding a NUL', Buffer.from('[1,"a\\u0000"]').toString('base64url')],
    ['an SQL fragment for an id, too long', Buffer.from(JSON.stringify([1, `x' OR 1=1 --${'x'.repeat(200)}`])).toString('base64url')],
    ['a very long cursor', 'A'.repeat(10_000)],
  ])('refuses a cursor that is %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
