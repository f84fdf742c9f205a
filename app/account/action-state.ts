/**
 * What a Server Action of the account page answers its form when it changed nothing: why not. A
 * change redirects instead, but for a reset link, which is shown in this one answer and never again.
 */
// `username`: the name a refused sign-in was tried with, to fill the form in again (never the password).
export type ActionState = Record<string, never> | { error: string; retryAfter?: number; username?: string } | { resetLink: string; until: string };

export const NOTHING_YET: ActionState = {};
