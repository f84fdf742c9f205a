'use client';

import Link from 'next/link';
import { recordStep } from '../_shared/progress-store';

/** Step 7's way to the account page; opening it does the step. */
export function AccountLink() {
  return (
    <p>
      <Link href="/account" onClick={() => recordStep('account-page')}>
        Open your account page
      </Link>{' '}
      (or <Link href="/sign-in">sign in</Link> first, as bob or alice).
    </p>
  );
}
