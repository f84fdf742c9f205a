import { describe, expect, it } from 'vitest';
import { loadSessionConfig } from './config';

describe('loadSessionConfig', () => {
  it('reads REFRESH_GRACE_SECONDS, 0 included, 10 by default', () => {
    expect(loadSessionConfig({}).graceSeconds).toBe(10);
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '0' }).graceSeconds).toBe(0);
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '30' }).graceSeconds).toBe(30);
  });

  it.each(['-1', '1.5', 'ten'])('refuses REFRESH_GRACE_SECONDS=%j with a sentence naming it', (value) => {
    expect(() => loadSessionConfig({ REFRESH_GRACE_SECONDS: value })).toThrow(/^REFRESH_GRACE_SECONDS must be a whole number/);
  });
});
