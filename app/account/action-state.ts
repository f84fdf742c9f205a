/** What a Server Action of the account page answers its form when it changed nothing: why not. A change redirects instead. */
export type ActionState = Record<string, never> | { error: string; retryAfter?: number };

export const NOTHING_YET: ActionState = {};
