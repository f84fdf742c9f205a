import Link from 'next/link';
import { MESSAGES } from '@/lib/contract';
import styles from '../../account/account.module.css';

/** What a link used, ended, replaced by a newer one, or never made shows: one page for all, so that it tells nobody which. */
export function LinkGone() {
  return (
    <main className={styles.page}>
      <section className={styles.section} aria-labelledby="gone">
        <h1 id="gone">This link no longer works</h1>
        <p>{MESSAGES.resetLinkGone}</p>
        <p>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </section>
    </main>
  );
}
