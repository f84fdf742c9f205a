import type { ApiRequest } from './route-requests';

/** A request the page sent and what came back. */
export interface Exchange {
  request: ApiRequest;
  status: number;
  body: unknown;
  wwwAuthenticate: string | null;
  milliseconds: number;
}

/** Sends the request from the browser and records the answer; a network failure becomes status 0. */
export async function sendRequest(request: ApiRequest): Promise<Exchange> {
  const started = performance.now();
  try {
    // credentials: 'omit' sends no cookies or cached HTTP credentials, and so a 401 with a Basic
    // challenge is handed to the page instead of making the browser ask for a password.
    const response = await fetch(request.url, { headers: request.headers, credentials: 'omit', cache: 'no-store' });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: show the text as it came.
    }
    return {
      request,
      status: response.status,
      body,
      wwwAuthenticate: response.headers.get('WWW-Authenticate'),
      milliseconds: Math.round(performance.now() - started),
    };
  } catch {
    return {
      request,
      status: 0,
      body: { message: 'The request did not reach the server.' },
      wwwAuthenticate: null,
      milliseconds: Math.round(performance.now() - started),
    };
  }
}

/** The `message` and `reason` fields of a JSON answer, when it has them. */
export function answerFields(body: unknown): { message?: string; reason?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { message, reason } = body as Record<string, unknown>;
  return {
    message: typeof message === 'string' ? message : undefined,
    reason: typeof reason === 'string' ? reason : undefined,
  };
}
