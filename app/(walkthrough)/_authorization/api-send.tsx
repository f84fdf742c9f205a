'use client';

import { recordAnswer } from '../_shared/progress-store';
import type { ApiRequest, Outcome } from '../_shared/route-requests';
import { SendAction } from '../_shared/send-action';
import { outcomeOf, sendRequest, type Exchange } from '../_shared/send-request';
import type { RequestStep } from '../_shared/walkthrough-steps';

/**
 * A Send button for one /api request and its answer under it. Without a `request` (its token or
 * id is not there yet) the button waits, disabled. The answer does `step`, if given, when it is the
 * one the step is there to show; `onAnswer` sees every answer.
 */
export function ApiSend({
  title,
  expected,
  request,
  step,
  onAnswer,
}: {
  title: string;
  expected: Outcome;
  request: ApiRequest | null | undefined;
  step?: RequestStep;
  onAnswer?: (exchange: Exchange) => void;
}) {
  return (
    <SendAction
      title={title}
      disabled={!request}
      expected={() => expected}
      send={async () => {
        const exchange = await sendRequest(request!);
        if (step) recordAnswer(step, outcomeOf(exchange));
        onAnswer?.(exchange);
        return exchange;
      }}
    />
  );
}

/** The id in a 201's body: the new to-do's or user's. */
export function createdId(exchange: Exchange): string | null {
  return exchange.status === 201 && exchange.answer.ok && exchange.answer.body !== null && 'id' in exchange.answer.body ? exchange.answer.body.id : null;
}
