'use client';

import { describeOutcome, ROUTE_ACTIONS, type ActionId, type Outcome, type RouteAction } from './route-requests';
import { ExchangeView } from './exchange-view';
import type { Exchange } from './send-request';

/** Each action's latest answer; no exchange yet means the request is on its way. */
export type ConsoleResults = Partial<Record<ActionId, { exchange?: Exchange; expected: Outcome }>>;

/** One card per tutorial request: what it shows, what to expect, a Send button and the answer. */
export function RouteConsole({ hasToken, results, onSend }: { hasToken: boolean; results: ConsoleResults; onSend: (action: RouteAction) => void }) {
  return (
    <div className="console">
      {ROUTE_ACTIONS.map((action) => {
        const result = results[action.id];
        const titleId = `action-${action.id}`;
        const blocked = action.needsToken && !hasToken;
        return (
          <article key={action.id} className="card" aria-labelledby={titleId}>
            <h3 id={titleId}>
              <code>{action.title}</code>
            </h3>
            <p>{action.about}</p>
            <p className="expect">Expect {expectation(action)}</p>
            <div className="actions">
              <button type="button" disabled={blocked} onClick={() => onSend(action)}>
                Send<span className="visually-hidden"> {action.title}</span>
              </button>
              {blocked && <span className="muted">Log in first: this sends your token.</span>}
            </div>
            {result?.exchange && <ExchangeView exchange={result.exchange} expected={result.expected} />}
            {result && !result.exchange && <p className="exchange">Sending…</p>}
          </article>
        );
      })}
    </div>
  );
}

function expectation(action: RouteAction): string {
  const live = describeOutcome(action.expected(false));
  const expired = describeOutcome(action.expected(true));
  return live === expired ? live : `${live}; once the token has expired, ${expired}`;
}
