// A GET-only route re-exports these, so every other method gets a JSON 405 with the Allow header
// RFC 9110 §15.5.6 asks for (Next's own 405 has neither), and OPTIONS lists only what is served.
import { MESSAGES, type MessageBody } from './contract';

const ALLOW = { Allow: 'GET, HEAD, OPTIONS' };

function methodNotAllowed(): Response {
  const body: MessageBody = { message: MESSAGES.onlyGet };
  return Response.json(body, { status: 405, headers: ALLOW });
}

/** Lists the methods a GET-only route serves. */
export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: ALLOW });
}

export { methodNotAllowed as DELETE, methodNotAllowed as PATCH, methodNotAllowed as POST, methodNotAllowed as PUT };
