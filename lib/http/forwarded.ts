import 'server-only';
// How far this server believes the X-Forwarded-* headers, which any client can send. One decision,
// read from SessionConfig.trustProxy: on Vercel the platform sets them itself (a client's own are
// replaced); self-hosted, only when TRUST_PROXY=1 says a proxy in front sets them. Otherwise they are
// ignored, and the request's own Host and scheme count.

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
