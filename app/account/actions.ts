'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getAuthConfig } from '@/lib/auth/config';
import { verifyPageToken } from '@/lib/auth/token';
import { DEVICE_COOKIE, MESSAGES, PAGE_SESSION_COOKIE } from '@/lib/contract';
import { getCurrentUser, requireRole, requireUser, stores } from '@/lib/dal';
import { clientIp, getTrustProxy } from '@/lib/http/forwarded';
import { clearedSessionCookies, deviceCookie, readCookie, sessionCookies } from '@/lib/session/cookies';
import { endOtherSessions, endSession } from '@/lib/session/my-sessions';
import { startUserSession } from '@/lib/session/sessions';
import { StoreUnavailableError } from '@/lib/store/unavailable';
import { addTodo, checkText, deleteTodo, updateTodo } from '@/lib/todos/todos';
import { changeRole, checkNewUser, checkRole, createUser, removeUser } from '@/lib/users/accounts';
import { getUsersConfig } from '@/lib/users/config';
import { deviceTokenFor } from '@/lib/users/devices';
import { throttleGuard } from '@/lib/users/guard';
import { userForCredentials } from '@/lib/users/login';
import { changeOwnPassword, checkPasswordChange } from '@/lib/users/own-password';
import { createResetLink, redeemResetLink } from '@/lib/users/resets';
import type { ActionState } from './action-state';

// The account page's Server Actions. Each is a public endpoint, whatever form rendered it: it asks
// the Data Access Layer who is calling, and calls the same function as the /api route does (two
// transports, one rule). A store that cannot be reached is said so in the form, failing closed.

const NOT_ALLOWED = 'Not allowed: managing users takes the admin role.';

async function guarded(work: () => Promise<ActionState>): Promise<ActionState> {
  try {
    return await work();
  } catch (error) {
    // Only the store's failure is answered here; a redirect, and any bug, go on.
    if (error instanceof StoreUnavailableError) return { error: MESSAGES.storeUnavailable };
    throw error;
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

// A change made: the page is rendered afresh, by a redirect, so that reloading it after a form
// posted without JavaScript shows the page again instead of posting the form twice.
function done(): never {
  revalidatePath('/account');
  redirect('/account');
}

/**
 * Signs in with the directory, the hashing and the throttle that POST /auth/login uses, then goes to
 * /account. The session whose cookie the new one replaces is ended: a browser holds one page session.
 */
export async function signIn(_previous: ActionState, form: FormData): Promise<ActionState> {
  const credentials = { username: text(form, 'username'), password: text(form, 'password') };
  const outcome = await guarded(async (): Promise<ActionState> => {
    const users = getUsersConfig();
    const s = await stores();
    const requestHeaders = await headers();
    const config = getAuthConfig();
    const client = { ip: clientIp({ headers: requestHeaders }, getTrustProxy()), deviceToken: readCookie({ headers: requestHeaders }, DEVICE_COOKIE) };
    const guard = throttleGuard(s.throttle, users.throttle, config, client);
    const user = await guard(credentials.username || null, async () => (credentials.username ? userForCredentials(s.users, credentials) : null));
    if (!user.ok) {
      if (user.failure.kind === 'throttled') return { error: MESSAGES.tooManyLogins, retryAfter: user.failure.retryAfter };
      return { error: MESSAGES.couldNotVerify };
    }
    const issued = await startUserSession(config, s, user.value, config.accessTtlSeconds, requestHeaders.get('user-agent'));
    if (!issued) return { error: MESSAGES.couldNotVerify };
    const jar = await cookies();
    const replaced = await verifyPageToken(config, jar.get(PAGE_SESSION_COOKIE)?.value ?? '');
    if (replaced.ok) await s.sessions.revoke(replaced.sid);
    for (const cookie of [...sessionCookies(issued.cookies), deviceCookie(await deviceTokenFor(config, user.value.name))]) jar.set(cookie);
    redirect('/account');
  });
  // A refusal keeps the name in the form: the form is reset after every action.
  return 'error' in outcome ? { ...outcome, error: outcome.error, username: credentials.username } : outcome;
}

/** Ends this session, if it still lives, clears its cookies either way, and goes to /sign-in. */
export async function signOut(): Promise<ActionState> {
  const outcome = await guarded(async (): Promise<ActionState> => {
    const caller = await getCurrentUser();
    if (caller) await endSession(await stores(), caller, caller.sid);
    const jar = await cookies();
    for (const cookie of clearedSessionCookies()) jar.set(cookie);
    redirect('/sign-in');
  });
  return outcome;
}

export async function addTodoAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    const checked = checkText(form.get('text'));
    if (!checked.ok) return { error: checked.message };
    const todo = await addTodo(await stores(), caller, checked.value);
    return todo === 'full' ? { error: MESSAGES.tooManyTodos } : done();
  });
}

export async function setTodoDone(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    const todo = await updateTodo(await stores(), caller, text(form, 'id'), { complete: text(form, 'complete') === 'true' });
    return todo ? done() : { error: MESSAGES.notFound };
  });
}

export async function deleteTodoAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    return (await deleteTodo(await stores(), caller, text(form, 'id'))) ? done() : { error: MESSAGES.notFound };
  });
}

export async function endSessionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    const sid = text(form, 'id');
    if (sid === caller.sid) return { error: 'That is this session: sign out instead.' };
    return (await endSession(await stores(), caller, sid)) ? done() : { error: MESSAGES.notFound };
  });
}

export async function endOtherSessionsAction(): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    await endOtherSessions(await stores(), caller);
    return done();
  });
}

/** The caller's own password, as PUT /api/me/password changes it: every other session ends, this one goes on. */
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    const caller = await requireUser();
    const change = await checkPasswordChange({ current_password: text(form, 'current_password'), new_password: text(form, 'new_password') }, caller.name);
    if (!change.ok) return { error: change.message };
    const ipKnown = clientIp({ headers: await headers() }, getTrustProxy()) !== null;
    const outcome = await changeOwnPassword(await stores(), getUsersConfig().throttle, caller, change.value, ipKnown);
    if (outcome.ok) return done();
    if (outcome.reason === 'throttled') return { error: MESSAGES.tooManyLogins, retryAfter: outcome.retryAfter };
    return { error: outcome.reason === 'wrong_current' ? MESSAGES.wrongCurrentPassword : MESSAGES.passwordChangedMeanwhile };
  });
}

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    if (!(await requireRole('admin'))) return { error: NOT_ALLOWED };
    const input = await checkNewUser({ name: text(form, 'name'), password: text(form, 'password'), role: text(form, 'role') || 'user' });
    if (!input.ok) return { error: input.message };
    const user = await createUser(await stores(), input.value);
    if (user === 'name_taken') return { error: MESSAGES.nameTaken };
    if (user === 'full') return { error: MESSAGES.tooManyUsers };
    return done();
  });
}

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    if (!(await requireRole('admin'))) return { error: NOT_ALLOWED };
    const role = checkRole(text(form, 'role'));
    if (!role.ok) return { error: role.message };
    const user = await changeRole(await stores(), text(form, 'id'), role.value);
    if (user === 'not_found') return { error: MESSAGES.notFound };
    if (user === 'last_admin') return { error: MESSAGES.lastAdmin };
    return done();
  });
}

/** A one-time link for a user to set a new password, as POST /api/users/:id/reset makes it: shown in this answer only. */
export async function createResetLinkAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    if (!(await requireRole('admin'))) return { error: NOT_ALLOWED };
    const s = await stores();
    const link = await createResetLink(s, text(form, 'id'));
    if (!link) return { error: MESSAGES.notFound };
    const until = new Date(link.expiresAt).toLocaleTimeString('en-GB', { timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
    return { resetLink: `/reset/${link.token}`, until };
  });
}

/**
 * Sets a new password with a reset link, for anyone who holds it: no session needed. A link used,
 * ended or unknown, meanwhile too, sends the browser back to its page, which then says so.
 */
export async function resetPasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const token = text(form, 'token');
  const outcome = await guarded(async (): Promise<ActionState> => {
    const s = await stores();
    const redeemed = await redeemResetLink(s, token, text(form, 'new_password'));
    if (redeemed.ok) redirect('/reset/done');
    if (redeemed.reason === 'refused') return { error: redeemed.message };
    redirect(`/reset/${encodeURIComponent(token)}`);
  });
  return outcome;
}

export async function removeUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guarded(async () => {
    if (!(await requireRole('admin'))) return { error: NOT_ALLOWED };
    const outcome = await removeUser(await stores(), text(form, 'id'));
    if (outcome === 'not_found') return { error: MESSAGES.notFound };
    if (outcome === 'last_admin') return { error: MESSAGES.lastAdmin };
    return done();
  });
}
