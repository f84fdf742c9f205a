'use client';

import { AnswerView } from './answer-view';
import { useLatestSend } from './latest-send';
import type { Outcome } from './route-requests';
import styles from './send-action.module.css';
import type { Exchange } from './send-request';

// The sends on their way, by title. A send whose expected answer depends on another's (a session
// ended, a role taken away) waits for that one's answer: with slow answers, a request sent before
// the one it depends on has been answered got the answer of before, and a wrong verdict.
const underWay = new Map<string, Promise<unknown>>();

/**
 * A Send button and the latest answer under it. `expected` is asked when the request goes, so it
 * judges the answer by what was true then. `after` names the sends it depends on: while one of
 * them is on its way, this one waits for its answer, and says so.
 */
export function SendAction({
  title,
  disabled,
  expected,
  send,
  after = [],
  className,
}: {
  title: string;
  disabled: boolean;
  expected: () => Outcome;
  send: () => Promise<Exchange>;
  after?: readonly string[];
  className?: string;
}) {
  const [result, begin] = useLatestSend<{ expected: Outcome; exchange: Exchange | null; waitingFor?: string }>();

  async function onSend() {
    const pending = () => after.find((other) => underWay.has(other));
    const show = begin({ expected: expected(), exchange: null, waitingFor: pending() });
    for (let other = pending(); other !== undefined; other = pending()) {
      show({ expected: expected(), exchange: null, waitingFor: other });
      // Only its end matters here; how it ended shows under its own button.
      await underWay.get(other)?.catch(() => undefined);
    }
    const outcome = expected();
    show({ expected: outcome, exchange: null });
    const sending = send();
    underWay.set(title, sending);
    try {
      show({ expected: outcome, exchange: await sending });
    } finally {
      if (underWay.get(title) === sending) underWay.delete(title);
    }
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
      {result && <AnswerView key={result.sent} exchange={result.exchange} expected={result.expected} waitingFor={result.waitingFor} />}
    </div>
  );
}
