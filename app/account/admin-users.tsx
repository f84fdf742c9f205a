import Link from 'next/link';
import { requireRole, stores } from '@/lib/dal';
import { checkUserListQuery, listUsers } from '@/lib/users/accounts';
import { ActionForm } from './action-form';
import { changeRoleAction, createResetLinkAction, createUserAction, removeUserAction } from './actions';
import styles from './account.module.css';

// The admin part asks the Data Access Layer itself rather than trusting what the page was told:
// any Server Component may. The page asked already in this render, and React `cache` answers this
// second ask without verifying the cookie or reading the store again.
// A page of the users at a time, as GET /api/users gives them; "More users" is a plain link to the
// next page (`?users=<cursor>`), so it works with JavaScript off.
export async function AdminUsers({ cursor }: { cursor?: string }) {
  if (!(await requireRole('admin'))) return <p className={styles.notAllowed}>Not allowed: managing users takes the admin role, and you are a user.</p>;
  const query = checkUserListQuery(new URLSearchParams(cursor === undefined ? {} : { cursor }));
  const { users, next_cursor } = await listUsers(await stores(), query.ok ? query.value : {});
  return (
    <>
      {!query.ok && <p className={styles.muted}>That link does not name a place in the list: here are the users from the first.</p>}
      <ul className={styles.list} aria-labelledby="users">
        {users.map((other) => (
          <li key={other.id} className={styles.item}>
            <span>
              {other.name} <span className={styles.muted}>({other.role})</span>
            </span>
            <span className={styles.actions}>
              <ActionForm
                action={changeRoleAction}
                label={other.role === 'admin' ? 'Demote' : 'Promote'}
                what={`${other.role === 'admin' ? 'Demote' : 'Promote'} ${other.name}`}
                secondary
              >
                <input type="hidden" name="id" value={other.id} />
                <input type="hidden" name="role" value={other.role === 'admin' ? 'user' : 'admin'} />
              </ActionForm>
              <ActionForm action={removeUserAction} label="Delete" what={`Delete ${other.name}`} secondary>
                <input type="hidden" name="id" value={other.id} />
              </ActionForm>
            </span>
          </li>
        ))}
      </ul>
      {(next_cursor !== null || cursor !== undefined) && (
        <p className={styles.pager}>
          {cursor !== undefined && <Link href="/account#users">First users</Link>}
          {next_cursor !== null && <Link href={`/account?users=${next_cursor}#users`}>More users</Link>}
        </p>
      )}
      {/* One form under the list rather than a third button in each row, which a phone's width cannot hold. */}
      <ActionForm action={createResetLinkAction} label="Make reset link" what="Make a reset link" secondary>
        <label>
          Reset link for
          <select name="id">
            {users.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
          </select>
        </label>
      </ActionForm>
      <ActionForm action={createUserAction} label="Create user" what="Create a user">
        <label>
          Name
          <input name="name" required maxLength={32} autoComplete="off" />
        </label>
        <label>
          Password (15 or more characters)
          <input name="password" type="password" required minLength={15} maxLength={256} autoComplete="new-password" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="user">
            <option value="user">user</option>
            <option value="admin">admin</option>
          </select>
        </label>
      </ActionForm>
    </>
  );
}
