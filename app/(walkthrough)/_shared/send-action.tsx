'use client';

import { AnswerView } from './answer-view';
import { useLatestSend } from './latest-send';
import type { Outcome } from './route-requests';
import styles from './send-action.module.css';
import type { Exchange } from './send-request';

/**
 * A Send button and the latest answer under it. `expected` is asked at the click, so it judges
 * the answer by what was true when the request went.
 */
export function SendAction({
  title,
  disabled,
  expected,
  send,
  className,
}: {
  title: string;
  disabled: boolean;
  expected: () => Outcome;
  send: () => Promise<Exchange>;
  className?: string;
}) {
  const [result, begin] = useLatestSend<{ expected: Outcome; exchange: Exchange | null }>();

  async function onSend() {
    const outcome = expected();
    const show = begin({ expected: outcome, exchange: null });
    show({ expected: outcome, exchange: await send() });
  }

  return (
    <div className={className ? `${styles.action} ${className}` : styles.action}>
      <p className={styles.sendRow}>
        <button type="button" disabled={disabled} onClick={onSend}>
          Send<span className="visually-hidden"> {title}</span>
        </button>
        <code>{title}</code>
      </p>
      {/* Keyed by the send, so a new answer starts with its detail closed. */}
      {result && <AnswerView key={result.sent} exchange={result.exchange} expected={result.expected} />}
    </div>
  );
}
