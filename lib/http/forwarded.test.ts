import { describe, expect, it } from 'vitest';
import { clientIp, isSameOrigin, loadTrustProxy, requestOrigin } from './forwarded';

const request = (headers: Record<string, string>, url = 'http://127.0.0.1:3000/auth/refresh') => new Request(url, { method: 'POST', headers });

describe('requestOrigin', () => {
  it('is the Host the browser sent, with the scheme the request arrived on, when no proxy is trusted', () => {
    expect(requestOrigin(request({ host: 'app.test:3000' }), false)).toBe('http://app.test:3000');
    expect(requestOrigin(request({ host: 'app.test' }, 'https://127.0.0.1/auth/refresh'), false)).toBe('https://app.test');
  });

  it('ignores X-Forwarded-Host and X-Forwarded-Proto from a client when no proxy is trusted', () => {
    expect(requestOrigin(request({ host: 'app.test', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }), false)).toBe('http://app.test');
  });

  it('believes the trusted proxy: its X-Forwarded-Host and X-Forwarded-Proto, the last value of a list', () => {
    const behindProxy = request({ host: '10.0.0.5:3000', 'x-forwarded-host': 'evil.example, app.example', 'x-forwarded-proto': 'http, https' });
    expect(requestOrigin(behindProxy, true)).toBe('https://app.example');
    expect(requestOrigin(request({ host: 'app.test' }), true)).toBe('http://app.test');
  });

  it('is null without a Host', () => {
    expect(requestOrigin(request({}), false)).toBeNull();
  });
});

describe('isSameOrigin', () => {
  const same = { host: 'app.test', origin: 'http://app.test' };

  it('accepts an Origin naming this site, scheme, host and port', () => {
    expect(isSameOrigin(request(same), false)).toBe(true);
    expect(isSameOrigin(request({ ...same, 'sec-fetch-site': 'same-origin' }), false)).toBe(true);
    expect(isSameOrigin(request({ host: 'app.test:80', origin: 'http://app.test' }), false)).toBe(true);
  });

  it('refuses an Origin of this host under another scheme or port', () => {
    expect(isSameOrigin(request({ ...same, origin: 'https://app.test' }), false)).toBe(false);
    expect(isSameOrigin(request({ ...same, origin: 'http://app.test:8080' }), false)).toBe(false);
  });

  it.each(['cross-site', 'same-site', 'none'])('refuses Sec-Fetch-Site: %s, whatever Origin says', (site) => {
    expect(isSameOrigin(request({ ...same, 'sec-fetch-site': site }), false)).toBe(false);
  });

  it('refuses another site, Origin: null and an Origin that is not a URL', () => {
    for (const origin of ['https://evil.example', 'null', 'app.test', '']) expect(isSameOrigin(request({ ...same, origin }), false)).toBe(false);
  });

  it('without Origin, accepts only Sec-Fetch-Site: same-origin', () => {
    expect(isSameOrigin(request({ host: 'app.test', 'sec-fetch-site': 'same-origin' }), false)).toBe(true);
    expect(isSameOrigin(request({ host: 'app.test' }), false)).toBe(false);
  });

  it('checks the Origin against the forwarded host only when the proxy is trusted', () => {
    const forged = request({ host: 'app.test', 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' });
    expect(isSameOrigin(forged, false)).toBe(false);
    expect(isSameOrigin(forged, true)).toBe(true);
    const proxied = request({ host: '10.0.0.5:3000', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https', origin: 'https://app.example' });
    expect(isSameOrigin(proxied, true)).toBe(true);
    expect(isSameOrigin(proxied, false)).toBe(false);
  });
});

describe('loadTrustProxy', () => {
  it('trusts the forwarded headers on Vercel, and self-hosted only when TRUST_PROXY=1 says so', () => {
    expect(loadTrustProxy({})).toBe(false);
    expect(loadTrustProxy({ VERCEL: '1' })).toBe(true);
    expect(loadTrustProxy({ TRUST_PROXY: '1' })).toBe(true);
    expect(loadTrustProxy({ VERCEL: '1', TRUST_PROXY: '0' })).toBe(false);
    expect(() => loadTrustProxy({ TRUST_PROXY: 'yes' })).toThrow(/^TRUST_PROXY must be 1/);
  });
});

describe('clientIp', () => {
  it('is the last X-Forwarded-For hop, the one the trusted proxy added', () => {
    expect(clientIp(request({ 'x-forwarded-for': '198.51.100.7, 203.0.113.9' }), true)).toBe('203.0.113.9');
    expect(clientIp(request({ 'x-forwarded-for': '2001:db8::1' }), true)).toBe('2001:db8::1');
  });

  it('is none without a trusted proxy, or when the header holds no address', () => {
    expect(clientIp(request({ 'x-forwarded-for': '203.0.113.9' }), false)).toBeNull();
    expect(clientIp(request({}), true)).toBeNull();
    expect(clientIp(request({ 'x-forwarded-for': 'unknown' }), true)).toBeNull();
  });
});
