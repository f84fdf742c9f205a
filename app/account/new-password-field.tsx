import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/users/config';

/** A new password's field, as each form that sets one asks for it: the length rule in its label and its limits. */
export function NewPasswordField() {
  return (
    <label>
      New password, {MIN_PASSWORD_LENGTH} or more characters
      <input name="new_password" type="password" required minLength={MIN_PASSWORD_LENGTH} maxLength={MAX_PASSWORD_LENGTH} autoComplete="new-password" />
    </label>
  );
}
