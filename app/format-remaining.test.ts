import { describe, expect, it } from 'vitest';
import { formatRemaining } from './format-remaining';

describe('formatRemaining', () => {
  it('shows minutes and seconds with two digits each', () => {
    expect(formatRemaining(1800)).toBe('30:00');
    expect(formatRemaining(75)).toBe('01:15');
    expect(formatRemaining(9)).toBe('00:09');
  });

  it('rounds a part-second up, so 00:00 means the token has expired', () => {
    expect(formatRemaining(0.2)).toBe('00:01');
    expect(formatRemaining(0)).toBe('00:00');
  });

  it('never shows a negative time', () => {
    expect(formatRemaining(-42)).toBe('00:00');
  });

  it('counts minutes past an hour rather than wrapping', () => {
    expect(formatRemaining(3 * 3600)).toBe('180:00');
  });
});
