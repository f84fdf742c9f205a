'use client';

import { recordAnswer } from './progress-store';
import { hasExpired } from './held-token';
import { ROUTE_ACTIONS, type ActionId } from './route-requests';
import { SendAction } from './send-action';
import { outcomeOf, sendRequest } from './send-request';
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
