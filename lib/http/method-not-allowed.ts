// A GET-only route re-exports these, so every other method gets a JSON 405 with the Allow header
// RFC 9110 §15.5.6 asks for (Next's own 405 has neither), and OPTIONS lists only what is served.
import { passedOnByGate } from '../auth';
import { formatTimingEntry, MESSAGES, VERDICTS, type MessageBody, type Verdict } from '../contract';

/**
 * The 405 handler and the OPTIONS handler of a route that serves only what `allow` lists. Behind
 * the gate, each answer says in Server-Timing which layers answered, as the route's GET does.
 */
export function methodsNotAllowed(allow: string, message: string, { gated = false } = {}) {
  const headers = (request: Request, verdict: Verdict): HeadersInit => {
    if (!gated) return { Allow: allow };
    const entries = [...passedOnByGate(request), { layer: 'route' as const, ms: 0, verdict }];
    return { Allow: allow, 'Server-Timing': entries.map(formatTimingEntry).join(', ') };
  };
  return {
    notAllowed: (request: Request) =>
      Response.json({ message } satisfies MessageBody, { status: 405, headers: headers(request, VERDICTS.methodNotAllowed) }),
    options: (request: Request) => new Response(null, { status: 204, headers: headers(request, VERDICTS.methodsListed) }),
  };
}

const { notAllowed, options } = methodsNotAllowed('GET, HEAD, OPTIONS', MESSAGES.onlyGet);

export { notAllowed as DELETE, options as OPTIONS, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };

/** The 405 and OPTIONS handlers of an /api route that serves `allow`, keyed by method for a route file to export. */
export function apiMethods(allow: string) {
  const { notAllowed, options } = methodsNotAllowed(allow, MESSAGES.onlyMethods, { gated: true });
  return { DELETE: notAllowed, GET: notAllowed, OPTIONS: options, PATCH: notAllowed, POST: notAllowed, PUT: notAllowed };
}
