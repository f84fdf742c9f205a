// A GET-only route re-exports these, so every other method gets a JSON 405 with the Allow header
// RFC 9110 §15.5.6 asks for (Next's own 405 has neither), and OPTIONS lists only what is served.
import { MESSAGES, type MessageBody } from '../contract';

/** The 405 handler and the OPTIONS handler of a route that serves only what `allow` lists. */
export function methodsNotAllowed(allow: string, message: string) {
  const headers = { Allow: allow };
  return {
    notAllowed: () => Response.json({ message } satisfies MessageBody, { status: 405, headers }),
    options: () => new Response(null, { status: 204, headers }),
  };
}

const { notAllowed, options } = methodsNotAllowed('GET, HEAD, OPTIONS', MESSAGES.onlyGet);

export { notAllowed as DELETE, options as OPTIONS, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };

/** The 405 and OPTIONS handlers of an /api route that serves `allow`, keyed by method for a route file to export. */
export function apiMethods(allow: string) {
  const { notAllowed, options } = methodsNotAllowed(allow, MESSAGES.onlyMethods);
  return { DELETE: notAllowed, GET: notAllowed, OPTIONS: options, PATCH: notAllowed, POST: notAllowed, PUT: notAllowed };
}
