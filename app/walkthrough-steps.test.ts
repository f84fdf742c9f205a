import { describe, expect, it } from 'vitest';
import { PART_STEPS, stepCompleted, type StepId } from './walkthrough-steps';

const none = new Set<StepId>();

describe('PART_STEPS', () => {
  it('takes the tutorial in the video’s nine steps, then the two it leaves out', () => {
    expect(PART_STEPS.tutorial).toHaveLength(9);
    expect(PART_STEPS.beyond).toEqual(['tampered', 'alg-none']);
  });
});

describe('stepCompleted', () => {
  it('ticks each tutorial step from the status and reason of its answer', () => {
    expect(stepCompleted({ kind: 'call', action: 'unprotected', status: 200 }, none)).toBe('open');
    expect(stepCompleted({ kind: 'call', action: 'login-challenge', status: 401 }, none)).toBe('challenge');
    expect(stepCompleted({ kind: 'login', status: 200 }, none)).toBe('login');
    expect(stepCompleted({ kind: 'signature-check' }, none)).toBe('inspect');
    expect(stepCompleted({ kind: 'call', action: 'no-token', status: 401 }, none)).toBe('missing');
    expect(stepCompleted({ kind: 'call', action: 'garbage', status: 401, reason: 'malformed' }, none)).toBe('invalid');
    expect(stepCompleted({ kind: 'call', action: 'bearer', status: 200 }, none)).toBe('valid');
    expect(stepCompleted({ kind: 'call', action: 'query', status: 401, reason: 'expired' }, none)).toBe('expired');
  });

  it('counts a login as logging in again only after a token has expired', () => {
    expect(stepCompleted({ kind: 'login', status: 200 }, new Set<StepId>(['login', 'expired']))).toBe('again');
  });

  it('ticks the steps beyond the tutorial only for the refusal they show', () => {
    expect(stepCompleted({ kind: 'call', action: 'tampered', status: 401, reason: 'bad_signature' }, none)).toBe('tampered');
    expect(stepCompleted({ kind: 'call', action: 'alg-none', status: 401, reason: 'unsupported_algorithm' }, none)).toBe('alg-none');
    expect(stepCompleted({ kind: 'call', action: 'tampered', status: 200 }, none)).toBeNull();
  });

  it('ticks nothing for an answer the step does not expect', () => {
    expect(stepCompleted({ kind: 'login', status: 401 }, none)).toBeNull();
    expect(stepCompleted({ kind: 'call', action: 'query', status: 401, reason: 'bad_signature' }, none)).toBeNull();
    expect(stepCompleted({ kind: 'call', action: 'no-token', status: 400 }, none)).toBeNull();
  });
});
