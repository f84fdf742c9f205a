import { describe, expect, it } from 'vitest';
import { checkNewUser, checkPassword, checkRoleChange } from './accounts';

const LONG = 'correct horse battery staple';

describe('the body of POST /api/users', () => {
  it('takes a name, a password and a role, the role user by default', () => {
    expect(checkNewUser({ name: 'carol', password: LONG })).toEqual({ ok: true, value: { name: 'carol', password: LONG, role: 'user' } });
    expect(checkNewUser({ name: 'dave', password: LONG, role: 'admin' })).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it.each([
    [{ password: LONG }, 'name'],
    [{ name: 'a b', password: LONG }, 'name'],
    [{ name: '-dash-first', password: LONG }, 'name'],
    [{ name: 'x'.repeat(33), password: LONG }, 'name'],
    [{ name: 'ｆｕｌｌ', password: LONG }, 'name'],
    [{ name: 'carol' }, 'password'],
    [{ name: 'carol', password: 'short' }, 'password'],
    [{ name: 'carol', password: 12345678901234567 }, 'password'],
    [{ name: 'carol', password: LONG, role: 'root' }, 'role'],
    [{ name: 'carol', password: LONG, admin: true }, 'admin'],
  ])('refuses %j, naming %s', (body, field) => {
    expect(checkNewUser(body)).toMatchObject({ ok: false, field, message: expect.any(String) });
  });
});

describe('a new password (NIST SP 800-63B-4)', () => {
  it('needs at least 15 characters, allows 64 and more, and has no rules of composition', () => {
    expect(checkPassword('x'.repeat(14)).ok).toBe(false);
    expect(checkPassword('x'.repeat(15)).ok).toBe(true);
    expect(checkPassword('all lower case words').ok).toBe(true);
    expect(checkPassword('ü'.repeat(64)).ok).toBe(true);
    expect(checkPassword('x'.repeat(256)).ok).toBe(true);
    expect(checkPassword('x'.repeat(257)).ok).toBe(false);
  });
});

describe('the body of PATCH /api/users/:id', () => {
  it('takes {"role"} and nothing else', () => {
    expect(checkRoleChange({ role: 'admin' })).toEqual({ ok: true, value: 'admin' });
    expect(checkRoleChange({})).toMatchObject({ ok: false, field: 'role' });
    expect(checkRoleChange({ role: 'admin', name: 'x' })).toMatchObject({ ok: false, field: 'name' });
  });
});
