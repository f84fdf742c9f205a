import { MESSAGES, type InvalidBody, type MessageBody } from '../contract';

/** The largest request body read, in bytes; a larger one is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 4096;

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; response: Response };

/**
 * A request's JSON object body: 415 unless it says `application/json`, 413 past MAX_BODY_BYTES (read
 * no further, whatever Content-Length claims), 400 for text that is not JSON or not an object.
 */
export async function readJsonObject(request: Request): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return refuse(415, MESSAGES.notJson);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return refuse(413, MESSAGES.bodyTooLarge);

  const bytes = await readAtMost(request, MAX_BODY_BYTES);
  if (bytes === null) return refuse(413, MESSAGES.bodyTooLarge);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refuse(400, MESSAGES.badJson);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(400, MESSAGES.notAnObject);
  return { ok: true, value: value as Record<string, unknown> };
}

// The body's bytes, or null once more than `limit` have come: a client may send no Content-Length.
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** 400, 413 or 415 with a JSON message. */
function refuse(status: number, message: string): JsonBody {
  return { ok: false, response: Response.json({ message } satisfies MessageBody, { status, headers: { 'Cache-Control': 'no-store' } }) };
}

/** 422: a body of the right shape whose field `field` is wrong, and why. */
export function invalidField(field: string, message: string): Response {
  return Response.json({ message, field } satisfies InvalidBody, { status: 422, headers: { 'Cache-Control': 'no-store' } });
}
