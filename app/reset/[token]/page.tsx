import type { Metadata } from 'next';
import { stores } from '@/lib/dal';
import { resetLinkUser } from '@/lib/users/resets';
import { ActionForm } from '../../account/action-form';
import { resetPasswordAction } from '../../account/actions';
import { NewPasswordField } from '../../account/new-password-field';
import styles from '../../account/account.module.css';
import { LinkGone } from './link-gone';

export const metadata: Metadata = { title: 'Set a new password' };

// A one-time link an admin made: whoever holds it sets the user's password, once, with no session.
// The form works without JavaScript; its Server Action checks the link again, and uses it
// atomically. A link used, ended or unknown says so in the page itself, answered 200: Next 16 sends
// the body of a notFound() 404 from a matched route only in its script payload, so that without
// JavaScript the page would be blank (vercel/next.js#57583, #98295).
export default async function Reset({ params }: PageProps<'/reset/[token]'>) {
  const { token } = await params;
  const s = await stores();
  const user = await resetLinkUser(s, token);
  if (!user) return <LinkGone />;
  return (
    <main className={styles.page}>
      <section className={styles.section} aria-labelledby="reset">
        <h1 id="reset">Set a new password</h1>
        <p className={styles.muted}>
          For <strong>{user.name}</strong>. This link works once; setting the password ends every session of this user, so sign in again afterwards.
        </p>
        <ActionForm action={resetPasswordAction} label="Set password" what="Set a new password">
          <input type="hidden" name="token" value={token} />
          <NewPasswordField />
        </ActionForm>
      </section>
    </main>
  );
}
