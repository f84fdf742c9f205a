// Client-safe: the requests the walkthrough page sends, what the API should answer to each, and
// how to show and reproduce them. Nothing here knows the secret.
import { base64Encode, shortenToken, tamperedToken, unsignedToken } from './jwt-display';

/** A request the page sends: path and query as sent, plus the headers it adds. */
export interface ApiRequest {
  url: string;
  headers: Record<string, string>;
  /** A token carried in the URL or a header: shortened wherever the request is shown. */
  token?: string;
  /** Set on a login: the Basic credentials are never shown, and curl asks for the password. */
  username?: string;
}

/** What a step expects back: a status and, for an invalid token, the `reason`. */
export interface Outcome {
  status: number;
  reason?: string;
}

export type ActionId = 'unprotected' | 'no-token' | 'garbage' | 'query' | 'bearer' | 'tampered' | 'alg-none';

export interface RouteAction {
  id: ActionId;
  title: string;
  /** What the request shows about the API. */
  about: string;
  needsToken: boolean;
  request(token: string): ApiRequest;
  expected(tokenExpired: boolean): Outcome;
}

/** The tutorial's garbage token, as typed in the video. */
export const GARBAGE_TOKEN = 'thisisthesecretkey';

const bearer = (token: string): ApiRequest => ({ url: '/protected', headers: { Authorization: `Bearer ${token}` }, token });
const yours = (expired: boolean): Outcome => (expired ? { status: 401, reason: 'expired' } : { status: 200 });

/** The route console's actions, one per step of the tutorial. */
export const ROUTE_ACTIONS: readonly RouteAction[] = [
  {
    id: 'unprotected',
    title: 'GET /unprotected',
    about: 'An open route: no token needed.',
    needsToken: false,
    request: () => ({ url: '/unprotected', headers: {} }),
    expected: () => ({ status: 200 }),
  },
  {
    id: 'no-token',
    title: 'GET /protected with no token',
    about: 'The gate asks for a token.',
    needsToken: false,
    request: () => ({ url: '/protected', headers: {} }),
    expected: () => ({ status: 401 }),
  },
  {
    id: 'garbage',
    title: `GET /protected?token=${GARBAGE_TOKEN}`,
    about: 'Any string is not a token: it is not even a well-formed JWT.',
    needsToken: false,
    request: () => ({ url: `/protected?token=${GARBAGE_TOKEN}`, headers: {} }),
    expected: () => ({ status: 401, reason: 'malformed' }),
  },
  {
    id: 'query',
    title: 'GET /protected?token=<your token>',
    about: 'Your token in the query string, as the tutorial sends it.',
    needsToken: true,
    request: (token) => ({ url: `/protected?token=${encodeURIComponent(token)}`, headers: {}, token }),
    expected: yours,
  },
  {
    id: 'bearer',
    title: 'GET /protected with Authorization: Bearer',
    about: 'Your token in the header, where it stays out of logs and history.',
    needsToken: true,
    request: bearer,
    expected: yours,
  },
  {
    id: 'tampered',
    title: 'GET /protected with a tampered token',
    about: 'Your token claiming another user (admin, or root if you are admin), with the signature kept.',
    needsToken: true,
    request: (token) => bearer(tamperedToken(token)),
    expected: () => ({ status: 401, reason: 'bad_signature' }),
  },
  {
    id: 'alg-none',
    title: 'GET /protected with alg: none',
    about: 'Your payload with the signature removed and the header saying so.',
    needsToken: true,
    request: (token) => bearer(unsignedToken(token)),
    expected: () => ({ status: 401, reason: 'unsupported_algorithm' }),
  },
];

/** The login request: Basic credentials, and the lifetime asked for in `ttl`. */
export function loginRequest(username: string, password: string, ttlSeconds: number): ApiRequest {
  return {
    url: `/login?ttl=${ttlSeconds}`,
    headers: { Authorization: `Basic ${base64Encode(`${username}:${password}`)}` },
    username,
  };
}

/** True when the answer has the expected status and, if one is expected, the expected reason. */
export function matches(expected: Outcome, actual: Outcome): boolean {
  return actual.status === expected.status && (expected.reason === undefined || actual.reason === expected.reason);
}

/** An outcome in words: `401, reason expired`. */
export function describeOutcome({ status, reason }: Outcome): string {
  return reason ? `${status}, reason ${reason}` : String(status);
}

/** The request as shown on the page: tokens shortened, Basic credentials hidden. */
export function displayRequest(request: ApiRequest): { url: string; headers: [string, string][] } {
  const shorten = (text: string) => (request.token ? text.replace(request.token, shortenToken(request.token)) : text);
  const url = request.token ? request.url.replace(encodeURIComponent(request.token), shortenToken(request.token)) : request.url;
  const headers = Object.entries(request.headers).map(([name, value]): [string, string] =>
    request.username !== undefined && name === 'Authorization'
      ? [name, `Basic base64(${request.username}:••••••••)`]
      : [name, shorten(value)],
  );
  return { url, headers };
}

/** A curl command that sends the same request; for a login, curl asks for the password itself. */
export function curlCommand(origin: string, request: ApiRequest): string {
  const parts = ['curl', '-i'];
  if (request.username !== undefined) parts.push('-u', shellQuote(request.username));
  for (const [name, value] of Object.entries(request.headers)) {
    if (request.username !== undefined && name === 'Authorization') continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  parts.push(shellQuote(origin + request.url));
  return parts.join(' ');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
