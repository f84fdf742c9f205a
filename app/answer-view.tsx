import { parseServerTiming } from '@/lib/contract';
import { CopyButton } from './copy-button';
import { shortenToken } from './jwt-display';
import { describeLayers } from './layer-path';
import { curlCommand, describeOutcome, displayRequest, matches, type Outcome } from './route-requests';
import { refusalReason, type Exchange } from './send-request';

const STATUS_TEXT: Record<number, string> = {
  0: 'No answer',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

/**
 * One answer, in a box whose height is fixed from the click on: the status, the body and the layers
 * that answered, each in lines of fixed count, then the full exchange behind a disclosure. An answer
 * that arrives late fills the box and moves nothing on the page.
 */
export function AnswerView({ exchange, expected }: { exchange: Exchange | null; expected?: Outcome }) {
  // Without a verdict the status fits one line: a login's answer box needs less room.
  const className = expected ? 'answer' : 'answer without-verdict';
  if (!exchange) {
    return (
      <div className={className}>
        <div className="answer-summary" role="status">
          <p className="answer-status">Sending…</p>
        </div>
      </div>
    );
  }

  const { request, status, answer, serverTiming, milliseconds } = exchange;
  const verdict = expected && matches(expected, { status, reason: refusalReason(answer) });
  const body = oneLine(shortened(answer.body));

  return (
    <div className={className}>
      <div className="answer-summary" role="status">
        <p className="answer-status">
          <span className={`status ${answer.ok ? 'ok' : 'fail'}`}>
            {status} {STATUS_TEXT[status] ?? ''}
          </span>
          <span className="muted">{milliseconds} ms</span>
          {expected && (
            <span className={verdict ? 'verdict ok' : 'verdict fail'}>
              {verdict ? '✓ As expected' : `✗ Expected ${describeOutcome(expected)}`}
            </span>
          )}
        </p>
        <p className="answer-body">
          <code>{body}</code>
        </p>
        <p className="answer-layers">
          {status === 0 ? 'No answer, so no layer to show.' : describeLayers(request.path, parseServerTiming(serverTiming))}
        </p>
      </div>
      <details className="answer-detail">
        <summary>The full exchange, with curl</summary>
        <ExchangeDetail exchange={exchange} />
      </details>
    </div>
  );
}

/** The exchange in full: the request as sent, the status, headers and body, and curl to repeat it. */
function ExchangeDetail({ exchange }: { exchange: Exchange }) {
  const { request, status, answer, wwwAuthenticate, serverTiming } = exchange;
  const shown = displayRequest(request);
  const curl = curlCommand(window.location.origin, request);
  const headers = [
    ['WWW-Authenticate', wwwAuthenticate],
    ['Server-Timing', serverTiming],
  ].filter((header): header is [string, string] => header[1] !== null);
  return (
    <div className="exchange">
      <p className="label">Request</p>
      <pre className="code">
        <code>
          {`GET ${shown.url}`}
          {shown.headers.map(([name, value]) => `\n${name}: ${value}`).join('')}
        </code>
      </pre>
      <p className="label">Response</p>
      <pre className="code">
        <code>
          {`${status} ${STATUS_TEXT[status] ?? ''}`}
          {headers.map(([name, value]) => `\n${name}: ${value}`).join('')}
          {`\n\n${JSON.stringify(shortened(answer.body), null, 2)}`}
        </code>
      </pre>
      <p className="label">Try it with curl</p>
      <div className="curl-row">
        {/* One line that scrolls, so the detail's height does not depend on the token's length. */}
        <pre className="code curl" tabIndex={0}>
          <code>{curl}</code>
        </pre>
        <CopyButton text={curl} label="Copy curl command" />
      </div>
    </div>
  );
}

// The token from a login is shown whole in step 4; here a short form keeps the answer readable.
function shortened(body: object): object {
  return 'token' in body && typeof body.token === 'string' ? { ...body, token: shortenToken(body.token) } : body;
}

// `{ "message": "Token is invalid!", "reason": "malformed" }`: the JSON as sent, on one line.
function oneLine(body: object): string {
  return JSON.stringify(body, null, 1).replace(/\n\s*/g, ' ');
}
