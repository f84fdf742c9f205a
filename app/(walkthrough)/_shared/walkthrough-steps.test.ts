import { describe, expect, it } from 'vitest';
import { completesStep, PART_STEPS } from './walkthrough-steps';

describe('PART_STEPS', () => {
  it('takes the tutorial in the video’s nine steps, then the two it leaves out, then seven of sessions that end', () => {
    expect(PART_STEPS.tutorial).toHaveLength(9);
    expect(PART_STEPS.beyond).toEqual(['tampered', 'alg-none']);
    expect(PART_STEPS.sessions).toEqual(['session-login', 'refresh', 'session-protected', 'logout', 'replay', 'csrf', 'other-services']);
    expect(PART_STEPS.authorization).toEqual(['two-users', 'forbidden', 'own-data', 'own-sessions', 'stale-role', 'throttle', 'account-page']);
  });
});

describe('completesStep', () => {
  it('completes each tutorial step by the status and reason of its own answer', () => {
    expect(completesStep('open', { status: 200 })).toBe(true);
    expect(completesStep('challenge', { status: 401 })).toBe(true);
    expect(completesStep('login', { status: 200 })).toBe(true);
    expect(completesStep('missing', { status: 401 })).toBe(true);
    expect(completesStep('invalid', { status: 401, reason: 'malformed' })).toBe(true);
    expect(completesStep('valid', { status: 200 })).toBe(true);
    expect(completesStep('expired', { status: 401, reason: 'expired' })).toBe(true);
    expect(completesStep('again', { status: 200 })).toBe(true);
  });

  it('leaves a step undone by an answer its button expects but the step is not there to show', () => {
    // Step 8's Send, while the token still lives: as expected, but the step is about the refusal after.
    expect(completesStep('expired', { status: 200 })).toBe(false);
    // Step 7's, once the token has expired.
    expect(completesStep('valid', { status: 401, reason: 'expired' })).toBe(false);
  });

  it('wants the reason the step shows, and none where it shows none', () => {
    expect(completesStep('invalid', { status: 401, reason: 'expired' })).toBe(false);
    expect(completesStep('missing', { status: 401, reason: 'malformed' })).toBe(false);
    expect(completesStep('tampered', { status: 401, reason: 'bad_signature' })).toBe(true);
    expect(completesStep('alg-none', { status: 401, reason: 'unsupported_algorithm' })).toBe(true);
    expect(completesStep('tampered', { status: 200 })).toBe(false);
  });

  it('completes each session step by the answer it shows', () => {
    expect(completesStep('session-login', { status: 200 })).toBe(true);
    expect(completesStep('refresh', { status: 200 })).toBe(true);
    expect(completesStep('session-protected', { status: 200 })).toBe(true);
    expect(completesStep('logout', { status: 401, reason: 'revoked' })).toBe(true);
    expect(completesStep('replay', { status: 401 })).toBe(true);
    expect(completesStep('csrf', { status: 403 })).toBe(true);
  });

  it('leaves a session step undone by an answer that misses its point', () => {
    // Still live after logout, or refused for another reason: the gate cannot know, but the route must.
    expect(completesStep('logout', { status: 200 })).toBe(false);
    expect(completesStep('logout', { status: 401, reason: 'expired' })).toBe(false);
    // A replay within the grace window gets the successor: no theft shown.
    expect(completesStep('replay', { status: 200 })).toBe(false);
    expect(completesStep('csrf', { status: 200 })).toBe(false);
    expect(completesStep('refresh', { status: 401 })).toBe(false);
  });
});

describe('completesStep, part three', () => {
  it('completes each step by the refusal it is there to show, not by the answers around it', () => {
    expect(completesStep('forbidden', { status: 403 })).toBe(true);
    // alice's 200 and the 401 with no token sit beside it, but the step is about the 403.
    expect(completesStep('forbidden', { status: 200 })).toBe(false);
    expect(completesStep('forbidden', { status: 401 })).toBe(false);
    expect(completesStep('own-data', { status: 404 })).toBe(true);
    expect(completesStep('own-data', { status: 403 })).toBe(false);
    expect(completesStep('own-sessions', { status: 401, reason: 'revoked' })).toBe(true);
    expect(completesStep('own-sessions', { status: 401, reason: 'expired' })).toBe(false);
    expect(completesStep('stale-role', { status: 401, reason: 'revoked' })).toBe(true);
    expect(completesStep('stale-role', { status: 200 })).toBe(false);
  });
});
