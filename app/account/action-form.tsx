'use client';

import { useActionState, useEffect, useRef, type ReactNode } from 'react';
import { NOTHING_YET, type ActionState } from './action-state';
import styles from './account.module.css';

/**
 * A form posted to a Server Action. Without JavaScript it is a plain form POST and the page comes
 * back rendered with the answer; with it, the button says it is working and the answer shows in
 * place. `label` names the button; `what` names the form for screen readers where many are alike.
 *
 * React resets a form once its action has run, refused or not. After a refusal the fields are
 * filled in again with what was sent, so that it can be corrected rather than typed anew: all but
 * passwords, which are typed again as a refused sign-in's are.
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
  const form = useRef<HTMLFormElement>(null);
  const sent = useRef<FormData | null>(null);
  useEffect(() => {
    if ('error' in state && sent.current && form.current) refill(form.current, sent.current);
  }, [state]);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        sent.current = new FormData(event.currentTarget);
      }}
      className={styles.form}
      aria-label={what}
    >
      {children}
      <button type="submit" className={secondary ? 'secondary' : undefined} disabled={pending} aria-disabled={pending}>
        {label}
        {pending && <span aria-hidden="true">…</span>}
      </button>
      <Answer state={state} />
    </form>
  );
}

function refill(form: HTMLFormElement, sent: FormData) {
  for (const [name, value] of sent) {
    const field = form.elements.namedItem(name);
    const refillable = field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && field.type !== 'password' && field.type !== 'hidden');
    if (refillable && typeof value === 'string') field.value = value;
  }
}

/** Why the last action changed nothing, if it did not; or the reset link it made, this once. */
export function Answer({ state }: { state: ActionState }) {
  if ('resetLink' in state) {
    return (
      <p role="status" className={styles.link}>
        One-time link, until {state.until}: <a href={state.resetLink}>{state.resetLink}</a>. Copy its address now: it is not shown again.
      </p>
    );
  }
  return (
    <p role="status" className={styles.error}>
      {'error' in state ? state.error : ''}
    </p>
  );
}
