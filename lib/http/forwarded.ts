import 'server-only';
import { AuthConfigError, type Env } from '../auth/config';

// How far this server believes the X-Forwarded-* headers, which any client can send. One decision,
// shared by the CSRF origin check and the login throttle's client IP: on Vercel the platform sets
// them itself (a client's own are replaced); self-hosted, only when TRUST_PROXY=1 says a proxy in
// front sets them. Otherwise they are ignored: the request's own Host and scheme count, and there is
// no client IP to throttle by (Next passes a client's X-Forwarded-For through as it came).

/** Whether the X-Forwarded-* headers come from a proxy this server trusts: TRUST_PROXY, else whether it runs on Vercel. */
export function loadTrustProxy(env: Env): boolean {
  const trust = env.TRUST_PROXY ?? '';
  if (!['', '0', '1'].includes(trust)) {
    throw new AuthConfigError('TRUST_PROXY must be 1 (a proxy in front sets X-Forwarded-*), 0 (none does), or unset (trusted on Vercel only).');
  }
  return trust === '' ? env.VERCEL === '1' : trust === '1';
}

/** The last value of a comma-separated header: the one the proxy nearest this server added. */
function lastValue(header: string | null): string | null {
  const value = header?.split(',').at(-1)?.trim();
  return value ? value : null;
}

/** This site's origin as the browser addressed it (`https://app.example`); null without a Host. */
export function requestOrigin(request: Request, trustProxy: boolean): string | null {
  const forwarded = (name: string) => (trustProxy ? lastValue(request.headers.get(name)) : null);
  const host = forwarded('x-forwarded-host') ?? request.headers.get('host');
  const scheme = forwarded('x-forwarded-proto') ?? new URL(request.url).protocol.slice(0, -1);
  const origin = `${scheme}://${host}`;
  return host !== null && URL.canParse(origin) ? new URL(origin).origin : null;
}

/**
 * True when the request comes from this site: Fetch Metadata, where the browser sends it, says
 * `same-origin`, and the Origin (or, without one, that metadata alone) names this site by scheme,
 * host and port. A page on another site cannot set these headers on a POST without a CORS
 * preflight, which this app never grants (OWASP CSRF Prevention Cheat Sheet).
 */
export function isSameOrigin(request: Request, trustProxy: boolean): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return site === 'same-origin';
  const expected = requestOrigin(request, trustProxy);
  return expected !== null && URL.canParse(origin) && new URL(origin).origin === expected;
}

/** The client's IP as the trusted proxy saw it (the last X-Forwarded-For hop); null without a trusted proxy. */
export function clientIp(request: Pick<Request, 'headers'>, trustProxy: boolean): string | null {
  if (!trustProxy) return null;
  const ip = lastValue(request.headers.get('x-forwarded-for'));
  // An address, not whatever a misconfigured proxy passed on: digits, hex, dots and colons.
  return ip !== null && /^[\da-fA-F.:]{2,45}$/.test(ip) ? ip : null;
}

/** Whether this server trusts the forwarded headers, from process.env at call time. */
export function getTrustProxy(): boolean {
  return loadTrustProxy({ TRUST_PROXY: process.env.TRUST_PROXY, VERCEL: process.env.VERCEL });
}
