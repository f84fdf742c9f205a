import Link from 'next/link';
import { MESSAGES, TOKEN_PARAM } from '@/lib/contract';
import { LoginForm } from '../_shared/login-form';
import { Reason } from '../_shared/reason';
import { RouteSend } from '../_shared/request-send';
import { GARBAGE_TOKEN, SHORT_TTL_SECONDS } from '../_shared/route-requests';
import { Part, Step } from '../_shared/step';
import { TokenInspector } from './token-inspector';

/** Part one: the Flask tutorial's steps, in the video's order. */
export function TutorialPart() {
  return (
    <Part id="tutorial" title="The tutorial">
      <Step id="open" number={1} title="The open route">
        <p>
          <code>/unprotected</code> answers anyone, token or not.
        </p>
        <RouteSend step="open" action="unprotected" />
      </Step>

      <Step id="challenge" number={2} title="/login asks for credentials">
        <p>
          Without them: 401 and <code>WWW-Authenticate: Basic</code>, which makes a browser ask for a password (
          <a href="/login">try it</a>).
        </p>
        <RouteSend step="challenge" action="login-challenge" />
      </Step>

      <Step id="login" number={3} title="Log in, get a token">
        <p id="login-hint">
          Any username; the password is <code>password</code> unless the server sets <code>DEMO_PASSWORD</code>.
        </p>
        <LoginForm step="login" describedBy="login-hint" />
      </Step>

      <Step id="inspect" number={4} title="Look inside the token">
        <TokenInspector
          empty={
            <p className="muted">
              No token yet. Log in at step 3, and it appears here taken apart: a <span className="jwt-header">header</span>{' '}
              naming the algorithm, a <span className="jwt-payload">payload</span> of claims such as the user and the expiry
              time, and a <span className="jwt-signature">signature</span> that only the secret can make.
            </p>
          }
          checkHint={
            <p className="hint">
              Type a secret to see whether it made this signature. The check runs here, with WebCrypto: the secret is never
              sent and never stored. This is for learning, on your own server: a real client never holds the secret. In
              development it is <code>JWT_SECRET</code> in <code>.env.development.local</code>, made by{' '}
              <code>npm run dev</code>.
            </p>
          }
        />
      </Step>

      <Step id="missing" number={5} title="/protected with no token">
        <p>
          The edge middleware, a gate in front of <code>/protected</code>, refuses it before the route runs: 401{' '}
          <q>{MESSAGES.tokenMissing}</q>
        </p>
        <RouteSend step="missing" action="no-token" />
      </Step>

      <Step id="invalid" number={6} title="With a made-up token">
        <p>
          The video sends <code>{GARBAGE_TOKEN}</code> as the token. It is not even a well-formed JWT: 401{' '}
          <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="malformed" />.
        </p>
        <RouteSend step="invalid" action="garbage" />
      </Step>

      <Step id="valid" number={7} title="With your token">
        <p>
          The gate lets it through and the route verifies it again: 200 with your username. The tutorial sends it as{' '}
          <code>?{TOKEN_PARAM}=</code>; <code>Authorization: Bearer</code> keeps it out of browser history and server
          logs. Both need a token from step 3.
        </p>
        <RouteSend step="valid" action="query" />
        <RouteSend step="valid" action="bearer" />
      </Step>

      <Step id="expired" number={8} title="A short token expires">
        <p>
          Log in for a {SHORT_TTL_SECONDS}-second token, wait for the bar above to say Expired, then send it again:
          401 <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="expired" />.
        </p>
        <LoginForm short />
        <RouteSend step="expired" action="bearer" />
      </Step>

      <Step id="again" number={9} title="Log in again">
        <p>A fresh token, and /protected answers 200 again.</p>
        <LoginForm step="again" />
        <RouteSend step="again" action="bearer" />
      </Step>

      <p>
        That is the whole tutorial. <Link href="/from-flask">From Flask to Next.js</Link> maps each part of the
        video’s Flask app to its counterpart here, and says where this app differs, and why.
      </p>
    </Part>
  );
}
