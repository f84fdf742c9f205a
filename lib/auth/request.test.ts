import { describe, expect, it } from 'vitest';
import { requestedTtl, tokenFromRequest } from './request';

const request = (query = '', authorization?: string) =>
  new Request(`http://localhost/protected${query}`, { headers: authorization ? { authorization } : {} });

describe('tokenFromRequest', () => {
  it('finds the token in ?token=, as the tutorial sends it', () => {
    expect(tokenFromRequest(request('?token=abc'))).toEqual({ ok: true, token: 'abc', via: 'query' });
  });

  it('accepts every b64token character and trailing = padding (RFC 6750 §2.1)', () => {
    expect(tokenFromRequest(request('', 'Bearer aZ09-._~+/=='))).toEqual({ ok: true, token: 'aZ09-._~+/==', via: 'header' });
  });

  it('finds the token in Authorization: Bearer, with the scheme in any case', () => {
    expect(tokenFromRequest(request('', 'Bearer abc'))).toEqual({ ok: true, token: 'abc', via: 'header' });
    expect(tokenFromRequest(request('', 'bEARER abc'))).toEqual({ ok: true, token: 'abc', via: 'header' });
  });

  it('allows more than one space between Bearer and the token (RFC 6750 §2.1: 1*SP)', () => {
    expect(tokenFromRequest(request('', 'Bearer   abc'))).toEqual({ ok: true, token: 'abc', via: 'header' });
  });

  it('reports a missing token when there is none, an empty one, or only another scheme', () => {
    const otherSchemes = ['Basic YWxpY2U6cGFzc3dvcmQ=', 'XBearer abc', 'Bearerabc', 'Basic eA==, Bearer abc'];
    for (const r of [request(), request('?token='), ...otherSchemes.map((a) => request('', a))]) {
      expect(tokenFromRequest(r)).toEqual({ ok: false, failure: 'missing' });
    }
  });

  it.each([
    ['a token in both places', request('?token=abc', 'Bearer abc')],
    ['a repeated token parameter', request('?token=abc&token=def')],
    ['Bearer with nothing after it', request('', 'Bearer')],
    ['Bearer with only spaces after it', request('', 'Bearer   ')],
    ['Bearer with two tokens', request('', 'Bearer abc def')],
    ['Bearer with a token and a word, beside a query token', request('?token=abc', 'Bearer abc x')],
    ['Bearer with a character outside b64token', request('', 'Bearer abc!')],
    ['a second Bearer credential after the first', request('', 'Bearer abc, Bearer def')],
  ])('calls %s an invalid request', (_what, r) => {
    expect(tokenFromRequest(r)).toMatchObject({ ok: false, failure: 'invalid_request', description: expect.any(String) });
  });
});

describe('requestedTtl', () => {
  const login = (query: string) => new Request(`http://localhost/login${query}`);

  it('defaults to the configured life', () => {
    expect(requestedTtl(login(''), 1800)).toEqual({ ok: true, ttlSeconds: 1800 });
  });

  it('accepts a whole number of seconds up to the configured life', () => {
    expect(requestedTtl(login('?ttl=1'), 1800)).toEqual({ ok: true, ttlSeconds: 1 });
    expect(requestedTtl(login('?ttl=1800'), 1800)).toEqual({ ok: true, ttlSeconds: 1800 });
  });

  it.each(['?ttl=0', '?ttl=1801', '?ttl=-1', '?ttl=1.5', '?ttl=1e3', '?ttl=', '?ttl=15&ttl=15', '?ttl=015'])(
    'refuses %s with a message giving the range',
    (query) => {
      expect(requestedTtl(login(query), 1800)).toEqual({ ok: false, message: 'ttl must be a whole number of seconds from 1 to 1800.' });
    },
  );
});
