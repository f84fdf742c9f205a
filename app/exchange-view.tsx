import { shortenToken } from './jwt-display';
import { curlCommand, describeOutcome, displayRequest, matches, type Outcome } from './route-requests';
import { CopyButton } from './copy-button';
import { answerFields, type Exchange } from './send-request';

const STATUS_TEXT: Record<number, string> = {
  0: 'No answer',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  500: 'Internal Server Error',
};

/** One request and its answer: what was sent, the status, the body, and a curl command that repeats it. */
export function ExchangeView({ exchange, expected }: { exchange: Exchange; expected?: Outcome }) {
  const { request, status, body, wwwAuthenticate, milliseconds } = exchange;
  const shown = displayRequest(request);
  const tone = status >= 200 && status < 300 ? 'ok' : 'fail';
  const verdict = expected && matches(expected, { status, reason: answerFields(body).reason });
  const curl = curlCommand(window.location.origin, request);

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
      <p className="response-line">
        <span className={`status ${tone}`}>
          {status} {STATUS_TEXT[status] ?? ''}
        </span>
        <span className="muted">{milliseconds} ms</span>
        {expected && (
          <span className={verdict ? 'verdict ok' : 'verdict fail'}>
            {verdict ? '✓ As expected' : `✗ Expected ${describeOutcome(expected)}`}
          </span>
        )}
      </p>
      {wwwAuthenticate && (
        <p className="code-line">
          <code>WWW-Authenticate: {wwwAuthenticate}</code>
        </p>
      )}
      <pre className="code">
        <code>{JSON.stringify(shortenedBody(body), null, 2)}</code>
      </pre>
      <p className="label">Try it with curl</p>
      <div className="curl-row">
        {/* One line that scrolls, so a result's height does not depend on the token's length. */}
        <pre className="code curl" tabIndex={0}>
          <code>{curl}</code>
        </pre>
        <CopyButton text={curl} label="Copy curl command" />
      </div>
    </div>
  );
}

// The token from a login is shown whole in the inspector; here a short form keeps the answer readable.
function shortenedBody(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && typeof (body as { token?: unknown }).token === 'string') {
    return { ...body, token: shortenToken((body as { token: string }).token) };
  }
  return body;
}
