'use client';

import { useState } from 'react';
import { AnswerView } from './answer-view';
import { recordStep } from './progress-store';
import { ROUTE_ACTIONS, type ActionId, type Outcome } from './route-requests';
import { refusalReason, sendRequest, type Exchange } from './send-request';
import { hasExpired, useStoredToken } from './token-store';

/** A Send button for one of the API's requests, and its latest answer right under it. */
export function RequestAction({ action: id }: { action: ActionId }) {
  const action = ROUTE_ACTIONS[id];
  const [token] = useStoredToken();
  const [result, setResult] = useState<{ sent: number; expected: Outcome; exchange: Exchange | null } | null>(null);

  async function send() {
    const sent = (result?.sent ?? 0) + 1;
    const expected = action.expected(token !== null && hasExpired(token));
    // The answer's box opens at the click, so an answer that arrives late moves nothing.
    setResult({ sent, expected, exchange: null });
    const exchange = await sendRequest(action.request(token ?? ''));
    // If another send followed this one, only the later answer is shown.
    setResult((latest) => (latest?.sent === sent ? { sent, expected, exchange } : latest));
    recordStep({ kind: 'call', action: id, status: exchange.status, reason: refusalReason(exchange.answer) });
  }

  return (
    <div className="action">
      <p className="send-row">
        <button type="button" disabled={action.needsToken && token === null} onClick={send}>
          Send<span className="visually-hidden"> {action.title}</span>
        </button>
        <code>{action.title}</code>
      </p>
      {/* Keyed by the send, so a new answer starts with its detail closed. */}
      {result && <AnswerView key={result.sent} exchange={result.exchange} expected={result.expected} />}
    </div>
  );
}
