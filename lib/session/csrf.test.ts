import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../auth/config';
import { checkCsrfToken, csrfTokenFor } from './csrf';

const OLD = 'csrf-test-old-secret-0123456789abcdefghijk';
const NEW = 'csrf-test-new-secret-0123456789abcdefghijk';

describe('the CSRF token of a session', () => {
  it('is the same for the same session, different for another, and unguessable without the secret', async () => {
    const config = loadAuthConfig({ JWT_SECRET: NEW });
    const token = await csrfTokenFor(config, 'session-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await csrfTokenFor(config, 'session-1')).toBe(token);
    expect(await csrfTokenFor(config, 'session-2')).not.toBe(token);
    expect(await csrfTokenFor(loadAuthConfig({ JWT_SECRET: OLD }), 'session-1')).not.toBe(token);
  });

  it('is accepted only for its own session', async () => {
    const config = loadAuthConfig({ JWT_SECRET: NEW });
    const token = await csrfTokenFor(config, 'session-1');
    expect(await checkCsrfToken(config, 'session-1', token)).toBe(true);
    expect(await checkCsrfToken(config, 'session-2', token)).toBe(false);
    expect(await checkCsrfToken(config, 'session-1', null)).toBe(false);
    expect(await checkCsrfToken(config, 'session-1', '')).toBe(false);
  });

  it('keeps working through a key rotation, as the session tokens do', async () => {
    const before = await csrfTokenFor(loadAuthConfig({ JWT_SECRET: OLD }), 'session-1');
    const during = loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD });
    expect(await checkCsrfToken(during, 'session-1', before)).toBe(true);
    expect(await checkCsrfToken(loadAuthConfig({ JWT_SECRET: NEW }), 'session-1', before)).toBe(false);
  });
});
