import { describe, expect, it } from 'vitest';
import { formatLifetime, formatRemaining } from './format-remaining';

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

describe('formatLifetime', () => {
  it('names a lifetime in the largest units that fit', () => {
    expect(formatLifetime(10)).toBe('10 s');
    expect(formatLifetime(600)).toBe('10 min');
    expect(formatLifetime(1800)).toBe('30 min');
    expect(formatLifetime(125)).toBe('2 min 5 s');
    expect(formatLifetime(5400)).toBe('1 h 30 min');
  });
});
