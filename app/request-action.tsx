'use client';

import { AnswerView } from './answer-view';
import { useLatestSend } from './latest-send';
import { recordAnswer } from './progress-store';
import { ROUTE_ACTIONS, type ActionId, type Outcome } from './route-requests';
import { outcomeOf, sendRequest, type Exchange } from './send-request';
import { hasExpired } from './held-token';
import { useStoredToken } from './token-store';
import type { RequestStep } from './walkthrough-steps';

/** A Send button for one of the API's requests in `step`, and its latest answer right under it. */
export function RequestAction({ step, action: id }: { step: RequestStep; action: ActionId }) {
  const action = ROUTE_ACTIONS[id];
  const [held] = useStoredToken();
  return (
    <SendAction
      title={action.title}
      disabled={action.needsToken && held === null}
      expected={() => action.expected(held !== null && hasExpired(held))}
      send={async () => {
        const exchange = await sendRequest(action.request(held?.token ?? ''));
        recordAnswer(step, outcomeOf(exchange));
        return exchange;
      }}
    />
  );
}

/**
 * A Send button and the latest answer under it. `expected` is asked at the click, so it judges
 * the answer by what was true when the request went.
 */
export function SendAction({
  title,
  disabled,
  expected,
  send,
}: {
  title: string;
  disabled: boolean;
  expected: () => Outcome;
  send: () => Promise<Exchange>;
}) {
  const [result, begin] = useLatestSend<{ expected: Outcome; exchange: Exchange | null }>();

  async function onSend() {
    const outcome = expected();
    const show = begin({ expected: outcome, exchange: null });
    show({ expected: outcome, exchange: await send() });
  }

  return (
    <div className="action">
      <p className="send-row">
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
