import { describe, expect, it } from 'vitest';
import { loadSessionConfig } from './config';

describe('loadSessionConfig', () => {
  it('reads REFRESH_GRACE_SECONDS, 0 included, 10 by default', () => {
    expect(loadSessionConfig({}).graceSeconds).toBe(10);
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '0' }).graceSeconds).toBe(0);
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '30' }).graceSeconds).toBe(30);
  });

  it('reads PAGE_IDLE_TIMEOUT_SECONDS, 1800 by default, and refuses 0 or a fraction with a sentence naming it', () => {
    expect(loadSessionConfig({}).pageIdleSeconds).toBe(1800);
    expect(loadSessionConfig({ PAGE_IDLE_TIMEOUT_SECONDS: '300' }).pageIdleSeconds).toBe(300);
    for (const value of ['0', '1.5', 'ten']) expect(() => loadSessionConfig({ PAGE_IDLE_TIMEOUT_SECONDS: value })).toThrow(/^PAGE_IDLE_TIMEOUT_SECONDS must be a whole number/);
  });

  it.each(['-1', '1.5', 'ten'])('refuses REFRESH_GRACE_SECONDS=%j with a sentence naming it', (value) => {
    expect(() => loadSessionConfig({ REFRESH_GRACE_SECONDS: value })).toThrow(/^REFRESH_GRACE_SECONDS must be a whole number/);
  });
});
