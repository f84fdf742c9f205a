'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useNow } from './clock';
import { formatRemaining } from './format-remaining';
import styles from './token-bar.module.css';
import { AUTHORIZATION_PART, SESSIONS_PART } from './walkthrough-steps';

/**
 * A compact bar that stays in sight: whose token you hold and how long it has left. Over the
 * tutorial it shows the tutorial's token (`tutorial`); over the second part, the session's access
 * token (`sessions`); over the third, its users' tokens (`authorization`). Its height never
 * changes, so it moves nothing when a token arrives or the part in view changes.
 */
export function TokenBar({ tutorial, sessions, authorization }: { tutorial: ReactNode; sessions: ReactNode; authorization: ReactNode }) {
  const shown = usePartShown();
  return (
    <section className={styles.bar} aria-label="Your token">
      {shown === SESSIONS_PART ? sessions : shown === AUTHORIZATION_PART ? authorization : tutorial}
    </section>
  );
}

/** Whose token, the time it has left and its lifetime line, and the bar's buttons. */
export function Countdown({
  who,
  what = 'Expires in',
  whose,
  expiresAt,
  lifetime,
  label,
  expiredNote,
  children,
}: {
  who: ReactNode;
  what?: string;
  /** Whose token the clock counts down, where `who` names more than one: shown on a phone too. */
  whose?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  lifetime: number;
  label: string;
  expiredNote: string;
  children: ReactNode;
}) {
  // The shared clock may be up to a second behind a token that has just arrived: never show more than its life.
  const remaining = Math.min(expiresAt - useNow() / 1000, lifetime);
  const expired = remaining <= 0;
  const max = Math.max(1, lifetime);
  return (
    <>
      <p className={styles.user}>{who}</p>
      <p className={styles.clock}>
        {expired ? (
          <strong className="expired">Expired</strong>
        ) : (
          <>
            <span className="wide-only">{what} </span>
            {whose && <span>{whose} </span>}
            <span role="timer" className="clock">
              {formatRemaining(remaining)}
            </span>
          </>
        )}
      </p>
      <progress aria-label={label} max={max} value={Math.min(Math.max(0, Math.ceil(remaining)), max)} />
      <p className={styles.actions}>{children}</p>
      <p role="status" className="visually-hidden">
        {expired ? expiredNote : ''}
      </p>
    </>
  );
}

/** Focuses the first field of a step's section; focus scrolls it into view. */
export function focusFirstInput(sectionId: string) {
  document.querySelector<HTMLInputElement>(`#${sectionId} input`)?.focus();
}

// Which part the bar speaks for: the one last scrolled to (a later part once its top passes the
// middle of the screen) or last used (focus moving into a part, as a click on its button does),
// whichever happened last. The tutorial's part, and the one beyond it, share the tutorial's token.
type Shown = typeof SESSIONS_PART | typeof AUTHORIZATION_PART | null;
function usePartShown(): Shown {
  const [shown, setShown] = useState<Shown>(null);
  useEffect(() => {
    const parts = [SESSIONS_PART, AUTHORIZATION_PART].flatMap((id) => document.getElementById(id) ?? []);
    const reached = new Set<string>();
    // The last part whose top is above the middle of the screen.
    const latest = () => ([...parts].reverse().find((part) => reached.has(part.id))?.id ?? null) as Shown;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const { target, isIntersecting } of entries) {
          if (isIntersecting) reached.add(target.id);
          else reached.delete(target.id);
        }
        setShown(latest());
      },
      { rootMargin: '0px 0px -50% 0px' },
    );
    parts.forEach((part) => observer.observe(part));
    const onFocus = (event: FocusEvent) => {
      // A part's section is labelled by its heading, part-<id> (step.tsx).
      const part = event.target instanceof Element ? event.target.closest('section[aria-labelledby^="part-"]') : null;
      if (part) setShown((parts.find((p) => p === part)?.id ?? null) as Shown);
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus);
    };
  }, []);
  return shown;
}
