// A user's name: what it may be, and how two names are compared. Secret-free, so that the page and
// the API's validation share it.

/** 1 to 32 characters: ASCII letters and digits, and `.`, `_` or `-` after the first. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** The sentence that says so, for a 400 or 422. */
export const NAME_RULE = 'A name is 1 to 32 characters: letters and digits, and . _ - after the first.';

/** True for a name a user may have. ASCII only, so that no two names look alike and differ. */
export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** The form two names are compared in: `Alice` and `alice` are one user. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
