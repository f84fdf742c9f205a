import { describe, expect, it } from 'vitest';
import { MAX_USER_AGENT_LENGTH, shortUserAgent } from './user-agent';

describe('shortUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.0.0 Safari/537.36', 'Chrome 159 on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131 on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17 on iOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome 131 on Android'],
    ['curl/8.5.0', 'curl 8.5.0'],
  ])('names %s as %s', (ua, short) => {
    expect(shortUserAgent(ua)).toBe(short);
  });

  it('cuts an unknown client short, drops control characters, and names a missing one', () => {
    expect(shortUserAgent('x'.repeat(200))).toHaveLength(MAX_USER_AGENT_LENGTH);
    expect(shortUserAgent('PostmanRuntime/7.39.0\n')).toBe('PostmanRuntime/7.39.0');
    expect(shortUserAgent(null)).toBe('Unknown client');
  });
});
