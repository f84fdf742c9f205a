import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GATE_TIMING_HEADER, parseServerTiming } from '@/lib/contract';
import { hostileTokens, jsonSegment, signRaw, TUTORIAL_SECRET } from '@/test/hostile-cases';
import { signingKeyEnv } from '@/test/signing-keys';
import { DELETE, GET, OPTIONS, PATCH, POST, PUT } from './route';

// The route handler called with no middleware in front of it, as a middleware bypass would reach
// it: its own verification must refuse everything the gate refuses.

const SECRET = 'route-test-secret-0123456789abcdefghijklmnop';
const now = () => Math.floor(Date.now() / 1000);

function get(path: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost${path}`, { headers }));
}

beforeAll(() => {
  vi.stubEnv('JWT_SECRET', SECRET);
  vi.stubEnv('JWT_SIGNING_KEY', signingKeyEnv());
});
afterAll(() => vi.unstubAllEnvs());

describe('GET /protected on its own, without middleware', () => {
  it('serves a valid token, so the refusals below prove something', async () => {
    const token = signRaw(jsonSegment({ alg: 'HS256', typ: 'JWT' }), jsonSegment({ user: 'alice', iat: now(), exp: now() + 60 }), SECRET);
    const response = await get(`/protected?token=${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ message: 'This is only available for people with valid tokens.', user: 'alice' });
  });

  it('asks for a token when there is none, whatever bypass headers come with the request', async () => {
    const response = await get('/protected', {
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
      rsc: '1',
      'next-router-prefetch': '1',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Token is missing!' });
  });

  // lib/auth/hostile-tokens.test.ts owns each exact reason; here, the route alone must refuse them all.
  it.each(hostileTokens(SECRET, now()).map((c) => [`${c.family}: ${c.name}`, c] as const))('refuses %s', async (_, { token }) => {
    // In the query, so whitespace reaches the verifier: header values lose theirs in transit (RFC 9110 §5.5).
    const response = await get(`/protected?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Token is invalid!' });
    expect(response.headers.get('server-timing')).toMatch(/^route;dur=[\d.]+;desc="refused"$/);
  });

  it("refuses a token signed with the tutorial's published secret sent as ?token=", async () => {
    const token = signRaw(jsonSegment({ alg: 'HS256', typ: 'JWT' }), jsonSegment({ user: 'alice', exp: now() + 60 }), TUTORIAL_SECRET);
    const response = await get(`/protected?token=${token}`);
    expect(response.status).toBe(401);
    const body = await response.text();
    expect(body).not.toContain(token);
    expect(JSON.parse(body)).toEqual({ message: 'Token is invalid!', reason: 'bad_signature' });
  });
});

describe('the other methods on /protected', () => {
  const passedOn = { [GATE_TIMING_HEADER]: 'gate;dur=0.3;desc="verified"' };
  const layers = (response: Response) =>
    parseServerTiming(response.headers.get('server-timing')).map(({ layer, verdict }) => `${layer} ${verdict}`);

  it.each([['POST', POST], ['PUT', PUT], ['PATCH', PATCH], ['DELETE', DELETE]] as const)(
    '%s is a 405 that names the gate that passed it on, then the route that answered',
    async (method, handler) => {
      const response = await handler(new Request('http://localhost/protected', { method, headers: passedOn }));
      expect(response.status).toBe(405);
      expect(layers(response)).toEqual(['gate verified', 'route method not allowed']);
    },
  );

  it('OPTIONS lists the methods, and says the route answered it after the gate', async () => {
    const response = await OPTIONS(new Request('http://localhost/protected', { method: 'OPTIONS', headers: passedOn }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(layers(response)).toEqual(['gate verified', 'route methods listed']);
  });

  it('names the route alone when no gate passed the request on, as after a bypass', async () => {
    const response = await POST(new Request('http://localhost/protected', { method: 'POST' }));
    expect(layers(response)).toEqual(['route method not allowed']);
    const refused = await POST(new Request('http://localhost/protected', { method: 'POST', headers: { [GATE_TIMING_HEADER]: 'gate;dur=0.3;desc="refused"' } }));
    expect(layers(refused)).toEqual(['route method not allowed']);
  });
});
