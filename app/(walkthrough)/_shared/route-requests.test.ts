import { describe, expect, it } from 'vitest';
import { curlCommand, describeOutcome, displayRequest, loginRequest, matches, ROUTE_ACTIONS, type ActionId } from './route-requests';

const action = (id: ActionId) => ROUTE_ACTIONS[id];
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('ROUTE_ACTIONS', () => {
  it('expects your token to pass until it expires, then to be refused as expired', () => {
    expect(action('bearer').expected(false)).toEqual({ status: 200 });
    expect(action('query').expected(true)).toEqual({ status: 401, reason: 'expired' });
  });

  it('sends your token in the query or as Bearer, never both', () => {
    expect(action('query').request(TOKEN)).toMatchObject({ url: `/protected?token=${TOKEN}`, headers: {} });
    expect(action('bearer').request(TOKEN)).toMatchObject({ url: '/protected', headers: { Authorization: `Bearer ${TOKEN}` } });
  });

  it('asks /login for a token with no credentials, so the page sees the challenge', () => {
    expect(action('login-challenge').request('')).toEqual({ path: '/login', url: '/login', headers: {} });
  });

  it('sends the tutorial garbage in the query', () => {
    expect(action('garbage').request('').url).toBe('/protected?token=thisisthesecretkey');
  });
});

describe('loginRequest', () => {
  it('asks for no lifetime unless given one, so the server gives its own', () => {
    expect(loginRequest('alice', 'password').url).toBe('/login');
    expect(loginRequest('alice', 'password', 15).url).toBe('/login?ttl=15');
  });
});

describe('matches', () => {
  it('judges by status, and by reason only when one is expected', () => {
    expect(matches({ status: 401 }, { status: 401, reason: 'expired' })).toBe(true);
    expect(matches({ status: 401, reason: 'expired' }, { status: 401, reason: 'bad_signature' })).toBe(false);
    expect(matches({ status: 200 }, { status: 401 })).toBe(false);
  });

  it('describes an outcome in words', () => {
    expect(describeOutcome({ status: 401, reason: 'expired' })).toBe('401, reason expired');
    expect(describeOutcome({ status: 200 })).toBe('200');
  });
});

describe('displayRequest', () => {
  it('shortens the token in the URL and in the Authorization header', () => {
    const shown = displayRequest(action('query').request(TOKEN));
    expect(shown.url).toBe('/protected?token=eyJhbGciOiJI…5hdHVyZQ');
    const header = displayRequest(action('bearer').request(TOKEN)).headers;
    expect(header).toEqual([['Authorization', 'Bearer eyJhbGciOiJI…5hdHVyZQ']]);
  });

  it('never shows the password of a login', () => {
    const shown = displayRequest(loginRequest('alice', 'hunter2', 15));
    expect(JSON.stringify(shown)).not.toContain(btoa('alice:hunter2'));
    expect(shown.headers[0]![1]).toContain('alice');
  });
});

describe('curlCommand', () => {
  it('reproduces a request with the full token', () => {
    expect(curlCommand('http://localhost:3000', action('bearer').request(TOKEN))).toBe(
      `curl -i -H 'Authorization: Bearer ${TOKEN}' 'http://localhost:3000/protected'`,
    );
  });

  it('lets curl ask for the password of a login rather than printing it', () => {
    const command = curlCommand('http://localhost:3000', loginRequest("o'brien", 'hunter2', 60));
    expect(command).toBe(`curl -i -u 'o'\\''brien' 'http://localhost:3000/login?ttl=60'`);
    expect(command).not.toContain(btoa("o'brien:hunter2"));
  });
});
