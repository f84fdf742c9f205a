'use client';

import { useActionState, type ReactNode } from 'react';
import { NOTHING_YET, type ActionState } from './action-state';
import styles from './account.module.css';

/**
 * A form posted to a Server Action. Without JavaScript it is a plain form POST and the page comes
 * back rendered with the answer; with it, the button says it is working and the answer shows in
 * place. `label` names the button; `what` names the form for screen readers where many are alike.
 */
export function ActionForm({
  action,
  label,
  what,
  secondary = false,
  children,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  what?: string;
  secondary?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, NOTHING_YET);
  return (
    <form action={formAction} className={styles.form} aria-label={what}>
      {children}
      <button type="submit" className={secondary ? 'secondary' : undefined} disabled={pending} aria-disabled={pending}>
        {label}
        {pending && <span aria-hidden="true">…</span>}
      </button>
      <Answer state={state} />
    </form>
  );
}

/** Why the last action changed nothing, if it did not. */
export function Answer({ state }: { state: ActionState }) {
  return (
    <p role="status" className={styles.error}>
      {'error' in state ? state.error : ''}
    </p>
  );
}
