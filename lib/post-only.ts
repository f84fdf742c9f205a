// A POST-only route (the session routes) re-exports these, so every other method gets a JSON 405
// with the Allow header RFC 9110 §15.5.6 asks for, as lib/method-not-allowed.ts does for GET.
import { MESSAGES, type MessageBody } from './contract';

const ALLOW = { Allow: 'POST, OPTIONS' };

function methodNotAllowed(): Response {
  const body: MessageBody = { message: MESSAGES.onlyPost };
  return Response.json(body, { status: 405, headers: ALLOW });
}

/** Lists the methods a POST-only route serves. */
export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: ALLOW });
}

export { methodNotAllowed as DELETE, methodNotAllowed as GET, methodNotAllowed as PATCH, methodNotAllowed as PUT };
