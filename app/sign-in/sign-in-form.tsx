'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from '../account/actions';
import { NOTHING_YET, type ActionState } from '../account/action-state';
import styles from '../account/account.module.css';

/** Name and password, posted to the signIn Server Action; its refusal shows under the button, a lock's wait counting down. */
export function SignInForm() {
  const [state, formAction, pending] = useActionState(signIn, NOTHING_YET);
  const wait = useCountdown(state);
  const error = 'error' in state ? state.error : null;
  return (
    <form action={formAction} className={styles.form}>
      <label>
        Username
        <input name="username" required autoComplete="username" defaultValue={'username' in state ? state.username : undefined} />
      </label>
      <label>
        Password
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      <button type="submit" disabled={pending}>
        Sign in{pending && <span aria-hidden="true">…</span>}
      </button>
      <p role="status" className={styles.error}>
        {error}
        {wait !== null && (wait > 0 ? ` Try again in ${wait} s.` : ' You can try again now.')}
      </p>
    </form>
  );
}

// Seconds left of a lock, counted down from the answer that gave it; null when it gave none.
function useCountdown(state: ActionState): number | null {
  const seconds = 'retryAfter' in state ? state.retryAfter : undefined;
  const [left, setLeft] = useState<{ of: ActionState; left: number } | null>(null);
  useEffect(() => {
    if (seconds === undefined) return;
    const until = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft({ of: state, left: remaining });
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [state, seconds]);
  if (seconds === undefined) return null;
  return left?.of === state ? left.left : seconds;
}
