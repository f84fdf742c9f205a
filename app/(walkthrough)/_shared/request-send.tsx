'use client';

import { hasExpired } from './held-token';
import { recordAnswer } from './progress-store';
import { ROUTE_ACTIONS, type ActionId, type ApiRequest, type Outcome } from './route-requests';
import { SendAction } from './send-action';
import { outcomeOf, sendRequest, type Exchange } from './send-request';
import { useStoredToken } from './token-store';
import type { RequestStep } from './walkthrough-steps';

/**
 * A Send button for one request and its answer under it. Without a `request` (its token or id is
 * not there yet) the button waits, disabled. `expected` is asked when the request goes; `after`
 * names the sends whose answers it depends on (see SendAction). The answer does `step`, if given,
 * when it is the one the step is there to show; `onAnswer` sees every answer.
 */
export function RequestSend({
  title,
  expected,
  request,
  step,
  after,
  onAnswer,
}: {
  title: string;
  expected: Outcome | (() => Outcome);
  request: ApiRequest | null | undefined;
  step?: RequestStep;
  after?: readonly string[];
  onAnswer?: (exchange: Exchange) => void;
}) {
  return (
    <SendAction
      title={title}
      disabled={!request}
      after={after}
      expected={typeof expected === 'function' ? expected : () => expected}
      send={async () => {
        const exchange = await sendRequest(request!);
        if (step) recordAnswer(step, outcomeOf(exchange));
        onAnswer?.(exchange);
        return exchange;
      }}
    />
  );
}

/** One of the tutorial's requests (ROUTE_ACTIONS) in `step`, with the token this page holds. */
export function RouteSend({ step, action: id }: { step: RequestStep; action: ActionId }) {
  const action = ROUTE_ACTIONS[id];
  const [held] = useStoredToken();
  return (
    <RequestSend
      step={step}
      title={action.title}
      request={action.needsToken && held === null ? null : action.request(held?.token ?? '')}
      expected={() => action.expected(held !== null && hasExpired(held))}
    />
  );
}
