import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '../../account/account.module.css';

export const metadata: Metadata = { title: 'Password set' };

export default function ResetDone() {
  return (
    <main className={styles.page}>
      <section className={styles.section} aria-labelledby="done">
        <h1 id="done">Password set</h1>
        <p>Every session of this user has ended. Sign in with the new password.</p>
        <p>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </section>
    </main>
  );
}
