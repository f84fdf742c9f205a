import { afterEach, describe, expect, it, vi } from 'vitest';
import { failureResponse, unexpectedErrorResponse, type AuthFailure } from './responses';

afterEach(() => vi.restoreAllMocks());

describe('failureResponse', () => {
  it.each<[string, AuthFailure, number, object, string | null]>([
    ['wrong credentials', { kind: 'bad_credentials' }, 401, { message: 'Could not verify!' }, 'Basic realm="Login Required"'],
    ['a ttl out of range', { kind: 'bad_ttl', message: 'ttl must be a whole number of seconds from 1 to 60.' }, 400, { message: 'ttl must be a whole number of seconds from 1 to 60.' }, null],
    ['no token', { kind: 'missing' }, 401, { message: 'Token is missing!' }, 'Bearer realm="protected"'],
    [
      'a malformed request',
      { kind: 'invalid_request', description: 'Send the token once, not in repeated token parameters.' },
      400,
      { message: 'Send the token once, not in repeated token parameters.' },
      'Bearer realm="protected", error="invalid_request", error_description="Send the token once, not in repeated token parameters."',
    ],
    [
      'a refused token',
      { kind: 'invalid_token', reason: 'expired' },
      401,
      { message: 'Token is invalid!', reason: 'expired' },
      'Bearer realm="protected", error="invalid_token", error_description="The token has expired."',
    ],
    ['a broken configuration', { kind: 'config', message: 'JWT_SECRET is not set.' }, 500, { message: 'JWT_SECRET is not set.' }, null],
  ])('answers %s with its status, body and challenge, and no cache may keep it', async (_, failure, status, body, challenge) => {
    const response = failureResponse(failure);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('unexpectedErrorResponse', () => {
  const logged = () => vi.spyOn(console, 'error').mockImplementation(() => {});

  it('answers a generic 500 and logs one line naming the error and its cause, with any token blanked', async () => {
    const log = logged();
    const error = new TypeError('WebCrypto broke on\n  eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ', { cause: new Error('no key') });
    const response = unexpectedErrorResponse(error, 'gate');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Something went wrong on the server. It has been logged.' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(log.mock.calls).toEqual([['Unexpected error in gate, answered 500. TypeError: WebCrypto broke on […].[…] (cause: Error: no key)']]);
  });

  it('mentions no cause when the error has none', () => {
    const log = logged();
    unexpectedErrorResponse(new RangeError('out of range'), 'route');
    expect(log.mock.calls).toEqual([['Unexpected error in route, answered 500. RangeError: out of range']]);
  });

  it('logs a thrown value that is not an Error by its type only, since the value itself could be a token', () => {
    const log = logged();
    unexpectedErrorResponse('eyJhbGciOiJIUzI1NiJ9', 'route');
    expect(log.mock.calls).toEqual([['Unexpected error in route, answered 500. string']]);
  });
});
