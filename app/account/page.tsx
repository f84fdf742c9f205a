import type { Metadata } from 'next';
import { requireUser, stores } from '@/lib/dal';
import { listSessions } from '@/lib/session/my-sessions';
import { listTodos } from '@/lib/todos/todos';
import {
  addTodoAction,
  changePasswordAction,
  deleteTodoAction,
  endOtherSessionsAction,
  endSessionAction,
  setTodoDone,
  signOut,
} from './actions';
import { ActionForm } from './action-form';
import { NewPasswordField } from './new-password-field';
import { AdminUsers } from './admin-users';
import styles from './account.module.css';
import { WalkthroughNav } from './walkthrough-nav';

export const metadata: Metadata = { title: 'Your account' };

// A Server Component: it asks the Data Access Layer who is signed in (requireUser: anyone else goes
// to /sign-in), reads their data with the same functions as the /api routes, and renders it on the
// server. Every change is a form posted to a Server Action, which works with JavaScript off.
export default async function Account({ searchParams }: PageProps<'/account'>) {
  const user = await requireUser();
  // `?users=` is where the admin list goes on: the cursor its "More users" link carries.
  const { users: usersCursor } = await searchParams;
  const s = await stores();
  const [todos, sessions] = await Promise.all([listTodos(s, user), listSessions(s, user)]);
  const time = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

  return (
    <>
      <WalkthroughNav />
      <main className={styles.page}>
        <section className={styles.section} aria-labelledby="who">
          <h1 id="who">
            {user.name} <span className={styles.muted}>({user.role})</span>
          </h1>
          <p className={styles.muted}>Signed in. This page is rendered on the server for your session alone.</p>
          <ActionForm action={signOut} label="Sign out" secondary />
        </section>

        <section className={styles.section} aria-labelledby="todos">
          <h2 id="todos">Your to-dos</h2>
          {todos.length === 0 ? (
            <p className={styles.muted}>No to-dos yet.</p>
          ) : (
            <ul className={styles.list} aria-labelledby="todos">
              {todos.map((todo) => (
                <li key={todo.id} className={styles.item}>
                  <span className={todo.complete ? styles.complete : undefined}>{todo.text}</span>
                  <span className={styles.actions}>
                    <ActionForm action={setTodoDone} label={todo.complete ? 'Not done' : 'Done'} what={`Mark ${todo.text}`} secondary>
                      <input type="hidden" name="id" value={todo.id} />
                      <input type="hidden" name="complete" value={String(!todo.complete)} />
                    </ActionForm>
                    <ActionForm action={deleteTodoAction} label="Delete" what={`Delete ${todo.text}`} secondary>
                      <input type="hidden" name="id" value={todo.id} />
                    </ActionForm>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <ActionForm action={addTodoAction} label="Add" what="Add a to-do">
            <label>
              New to-do
              <input name="text" required maxLength={500} autoComplete="off" />
            </label>
          </ActionForm>
        </section>

        <section className={styles.section} aria-labelledby="sessions">
          <h2 id="sessions">Your sessions</h2>
          <ul className={styles.list} aria-labelledby="sessions">
            {sessions.map((session) => (
              <li key={session.id} className={styles.item}>
                <span>
                  {session.userAgent}, since {time(session.startedAt)}
                  {session.refreshedAt && <>, refreshed {time(session.refreshedAt)}</>}
                  {session.current && <strong> (this one)</strong>}
                </span>
                {!session.current && (
                  <ActionForm action={endSessionAction} label="End" what={`End the session of ${session.userAgent}`} secondary>
                    <input type="hidden" name="id" value={session.id} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
          <ActionForm action={endOtherSessionsAction} label="Log out everywhere else" secondary />
        </section>

        <section className={styles.section} aria-labelledby="password">
          <h2 id="password">Your password</h2>
          <p className={styles.muted}>Changing it ends every other session of yours; this one goes on.</p>
          <ActionForm action={changePasswordAction} label="Change password" what="Change your password">
            <label>
              Current password
              <input name="current_password" type="password" required maxLength={256} autoComplete="current-password" />
            </label>
            <NewPasswordField />
          </ActionForm>
        </section>

        <section className={styles.section} aria-labelledby="users">
          <h2 id="users">Users</h2>
          <AdminUsers cursor={typeof usersCursor === 'string' ? usersCursor : undefined} />
        </section>
      </main>
    </>
  );
}
