import type { ErrorBody } from '@/lib/contract';
import type { ApiPath, ApiRequest, Outcome, SuccessBodies } from './route-requests';

/** The answer's body, typed by the contract: the route's own body on a 2xx, an error body otherwise. */
export type Answer<P extends ApiPath> = { ok: true; body: SuccessBodies[P] } | { ok: false; body: ErrorBody };

/** A request the page sent and what came back. */
export interface Exchange<P extends ApiPath = ApiPath> {
  request: ApiRequest<P>;
  /** The HTTP status; 0 when the request never reached the server. */
  status: number;
  answer: Answer<P>;
  wwwAuthenticate: string | null;
  /** How long to wait before asking again, on a 409 from the replay demonstration. */
  retryAfter: string | null;
  /** Which layers looked at the request, and for how long (see lib/contract.ts). */
  serverTiming: string | null;
  /** The whole round trip, as the browser measured it. */
  milliseconds: number;
}

/** Sends the request from the browser and records the answer; a network failure becomes status 0. */
export async function sendRequest<P extends ApiPath>(request: ApiRequest<P>): Promise<Exchange<P>> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body && JSON.stringify(request.body),
      // 'omit' sends no cookies or cached HTTP credentials, and so a 401 with a Basic challenge is
      // handed to the page instead of making the browser ask for a password. The session routes
      // need the refresh cookie, and their answers set it: 'same-origin' sends and keeps cookies.
      credentials: request.withCookies ? 'same-origin' : 'omit',
      cache: 'no-store',
    });
    text = await response.text();
  } catch {
    const body: ErrorBody = { message: 'The request did not reach the server.' };
    return { request, status: 0, answer: { ok: false, body }, wwwAuthenticate: null, retryAfter: null, serverTiming: null, milliseconds: took() };
  }
  return {
    request,
    status: response.status,
    answer: parseAnswer<P>(response.status, text),
    wwwAuthenticate: response.headers.get('WWW-Authenticate'),
    retryAfter: response.headers.get('Retry-After'),
    serverTiming: response.headers.get('Server-Timing'),
    milliseconds: took(),
  };
}

// Every answer of this API is JSON of the contract's shape; anything else (a proxy's error page,
// say) is shown as the failure it is.
function parseAnswer<P extends ApiPath>(status: number, text: string): Answer<P> {
  // 204 No Content (a logout) has no body to parse.
  if (status === 204) return { ok: true, body: null as SuccessBodies[P] };
  const ok = status >= 200 && status < 300;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, body: { message: `Not JSON: ${text.slice(0, 200)}` } };
  }
  return ok ? { ok: true, body: json as SuccessBodies[P] } : { ok: false, body: json as ErrorBody };
}

/** What came back, as a step judges it: the status and, for a refused token, the `reason`. */
export function outcomeOf({ status, answer }: Exchange): Outcome {
  return { status, reason: !answer.ok && 'reason' in answer.body ? answer.body.reason : undefined };
}
