import 'server-only';
import type { Caller } from '../caller';
import type { Stores } from '../stores';
import type { Checked } from '../todos/todos';
import { checkNewPassword } from './accounts';
import { MAX_PASSWORD_LENGTH } from './config';
import { nameBucket, throttledLogin } from './login';
import { checkPassword, hashPassword } from './passwords';
import type { ThrottleRules } from './throttle';

// A user changing their own password, from the API (PUT /api/me/password) or the account page.
// The current password is checked behind the login throttle, in the bucket of the user's name, so
// that a stolen session cannot guess it faster than a login could. The new hash replaces the one
// the current password was verified against, or nothing: of changes sent at once, one wins and the
// others are told so. Every other session of the user then ends; the one that asked goes on.

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export type ChangeOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong_current' | 'changed_meanwhile' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/** The body of PUT /api/me/password: `{"current_password", "new_password"}`, the new one by the length rule and the blocklist. */
export async function checkPasswordChange(body: Record<string, unknown>, userName: string): Promise<Checked<PasswordChange>> {
  const unknown = Object.keys(body).find((field) => field !== 'current_password' && field !== 'new_password');
  if (unknown !== undefined) return { ok: false, field: unknown, message: `${unknown} is not a field here: send current_password and new_password.` };
  const { current_password: current, new_password: next } = body;
  // The current one may be older than today's rules: only bounded, so that verifying it is.
  if (typeof current !== 'string' || current === '' || current.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, field: 'current_password', message: 'current_password must be the password you sign in with.' };
  }
  const checked = await checkNewPassword(next, userName, 'new_password');
  return checked.ok ? { ok: true, value: { currentPassword: current, newPassword: checked.value } } : checked;
}

/** Changes the caller's password if `currentPassword` is theirs, and ends their other sessions. */
export async function changeOwnPassword(stores: Stores, rules: ThrottleRules, caller: Caller, change: PasswordChange, ipKnown: boolean): Promise<ChangeOutcome> {
  const verified = await throttledLogin(stores.throttle, rules, [nameBucket(rules, caller.name, ipKnown)], async () => {
    const user = await stores.users.byId(caller.id);
    return user && (await checkPassword(user.passwordHash, change.currentPassword)).ok ? user : null;
  });
  if (!verified.ok) return verified.reason === 'throttled' ? verified : { ok: false, reason: 'wrong_current' };
  const changed = await stores.users.setPasswordHash(caller.id, await hashPassword(change.newPassword), verified.value.passwordHash);
  if (!changed) return { ok: false, reason: 'changed_meanwhile' };
  await stores.sessions.revokeAllForUser(caller.id, caller.sid);
  return { ok: true };
}
