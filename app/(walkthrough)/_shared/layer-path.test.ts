import { describe, expect, it } from 'vitest';
import { parseServerTiming } from '@/lib/contract';
import { describeLayers, formatMs } from './layer-path';

describe('describeLayers', () => {
  it('says the route never ran when the gate refused', () => {
    const layers = parseServerTiming('gate;dur=0.42;desc="refused"');
    expect(describeLayers('/protected', layers)).toBe('Edge middleware: refused (0.4 ms), route never ran');
  });

  it('shows the route verifying again after the gate let the request on', () => {
    const layers = parseServerTiming('gate;dur=0.31;desc="verified", route;dur=0.22;desc="verified"');
    expect(describeLayers('/protected', layers)).toBe('Edge middleware: verified (0.3 ms) → route: verified again (0.2 ms)');
  });

  it('shows a refusal by the route after the gate let the request on', () => {
    const layers = parseServerTiming('gate;dur=0.3;desc="verified", route;dur=12.6;desc="refused"');
    expect(describeLayers('/protected', layers)).toBe('Edge middleware: verified (0.3 ms) → route: refused (13 ms)');
  });

  it('says plainly that no gate runs for the open routes', () => {
    expect(describeLayers('/unprotected', [])).toBe('No gate runs for /unprotected: the route answered on its own.');
    expect(describeLayers('/login', [])).toBe('No gate runs for /login: the route answered on its own.');
    expect(describeLayers('/auth/refresh', [])).toBe('No gate runs for /auth/refresh: the route answered on its own.');
  });

  it('shows a session token passed by the gate unchecked, then the route checking its session', () => {
    const live = parseServerTiming('gate;dur=0.3;desc="verified (session not checked)", route;dur=1.24;desc="verified (session live)"');
    expect(describeLayers('/protected', live)).toBe(
      'Edge middleware: verified (session not checked) (0.3 ms) → route: verified (session live) (1.2 ms)',
    );
    const revoked = parseServerTiming('gate;dur=0.3;desc="verified (session not checked)", route;dur=1.2;desc="refused"');
    expect(describeLayers('/protected', revoked)).toBe('Edge middleware: verified (session not checked) (0.3 ms) → route: refused (1.2 ms)');
  });

  it('does not guess when /protected answers without Server-Timing', () => {
    expect(describeLayers('/protected', [])).toMatch(/cannot be told/);
  });

  it('knows the /api routes are gated too: no Server-Timing there cannot be told either', () => {
    expect(describeLayers('/api/users', [])).toMatch(/cannot be told/);
    expect(describeLayers('/api/todos/:id', [])).toMatch(/cannot be told/);
  });
});

describe('formatMs', () => {
  it('keeps a tenth of a millisecond where it matters, and no more', () => {
    expect(formatMs(0.04)).toBe('<0.1 ms');
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(9.96)).toBe('10 ms');
    expect(formatMs(12.6)).toBe('13 ms');
  });
});
