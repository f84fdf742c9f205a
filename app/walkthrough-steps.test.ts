import { describe, expect, it } from 'vitest';
import { PART_STEPS, stepCompleted, type StepId } from './walkthrough-steps';

const none = new Set<StepId>();

describe('PART_STEPS', () => {
  it('takes the tutorial in the video’s nine steps, then the two it leaves out, then six of sessions that end', () => {
    expect(PART_STEPS.tutorial).toHaveLength(9);
    expect(PART_STEPS.beyond).toEqual(['tampered', 'alg-none']);
    expect(PART_STEPS.sessions).toEqual(['session-login', 'refresh', 'session-protected', 'logout', 'replay', 'csrf']);
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

  it('ticks each session step for the answer it shows', () => {
    expect(stepCompleted({ kind: 'session', action: 'session-login', status: 200 }, none)).toBe('session-login');
    expect(stepCompleted({ kind: 'session', action: 'refresh', status: 200 }, none)).toBe('refresh');
    expect(stepCompleted({ kind: 'session', action: 'session-token', status: 200 }, none)).toBe('session-protected');
    expect(stepCompleted({ kind: 'session', action: 'after-logout', status: 401, reason: 'revoked' }, none)).toBe('logout');
    expect(stepCompleted({ kind: 'session', action: 'replay', status: 401 }, none)).toBe('replay');
    expect(stepCompleted({ kind: 'session', action: 'no-csrf', status: 403 }, none)).toBe('csrf');
  });

  it('ticks no session step for an answer that misses its point', () => {
    // Still live after logout, or refused for another reason: the gate cannot know, but the route must.
    expect(stepCompleted({ kind: 'session', action: 'after-logout', status: 200 }, none)).toBeNull();
    expect(stepCompleted({ kind: 'session', action: 'after-logout', status: 401, reason: 'expired' }, none)).toBeNull();
    // A replay within the grace window gets the successor: no theft shown.
    expect(stepCompleted({ kind: 'session', action: 'replay', status: 200 }, none)).toBeNull();
    expect(stepCompleted({ kind: 'session', action: 'no-csrf', status: 200 }, none)).toBeNull();
    expect(stepCompleted({ kind: 'session', action: 'refresh', status: 401 }, none)).toBeNull();
  });

  it('ticks nothing for an answer the step does not expect', () => {
    expect(stepCompleted({ kind: 'login', status: 401 }, none)).toBeNull();
    expect(stepCompleted({ kind: 'call', action: 'query', status: 401, reason: 'bad_signature' }, none)).toBeNull();
    expect(stepCompleted({ kind: 'call', action: 'no-token', status: 400 }, none)).toBeNull();
  });
});
