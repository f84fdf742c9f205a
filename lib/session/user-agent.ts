// What a list of sessions shows of the client each started in: `Chrome 159 on Linux`, `curl 8.5`.

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari\//, 'Safari'],
  [/^curl\/([\d.]+)/, 'curl'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** Longest text kept of a client that names no browser we know. */
export const MAX_USER_AGENT_LENGTH = 60;

/** A User-Agent header in a few words; the header's start, cut short, for a client not recognised. */
export function shortUserAgent(header: string | null): string {
  const ua = (header ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (ua === '') return 'Unknown client';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua));
  if (browser) {
    const version = browser[0].exec(ua)![1];
    const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
    return `${browser[1]} ${version}${system ? ` on ${system}` : ''}`;
  }
  return ua.length > MAX_USER_AGENT_LENGTH ? `${ua.slice(0, MAX_USER_AGENT_LENGTH - 1)}…` : ua;
}
