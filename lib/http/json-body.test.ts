import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readJsonObject } from './json-body';

const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://app.test/api/todos', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

const status = async (request: Request) => {
  const read = await readJsonObject(request);
  return read.ok ? 200 : read.response.status;
};

describe('readJsonObject', () => {
  it('reads a JSON object sent as application/json, with a charset or not', async () => {
    expect(await readJsonObject(post('{"text":"milk"}'))).toEqual({ ok: true, value: { text: 'milk' } });
    expect(await status(post('{}', { 'content-type': 'application/json; charset=utf-8' }))).toBe(200);
  });

  it('refuses another content type, or none, with 415', async () => {
    expect(await status(post('{"text":"milk"}', { 'content-type': 'text/plain' }))).toBe(415);
    expect(await status(post('{"text":"milk"}', {}))).toBe(415);
    expect(await status(post('{}', { 'content-type': 'application/jsonx' }))).toBe(415);
  });

  it('refuses text that is not JSON, not UTF-8, or not an object, with 400 and a message', async () => {
    for (const body of ['{"text":', '', '[1]', '"text"', 'null', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const read = await readJsonObject(post(body));
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.response.status).toBe(400);
        expect(await read.response.json()).toEqual({ message: expect.any(String) });
      }
    }
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, whatever Content-Length says or without one`, async () => {
    const big = JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) });
    expect(await status(post(big))).toBe(413);
    expect(await status(post(big, { 'content-type': 'application/json', 'content-length': '10' }))).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    expect(await status(post(stream))).toBe(413);
    expect(await status(post(JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES - 20) })))).toBe(200);
  });
});
