import Link from 'next/link';
import { MESSAGES, TOKEN_PARAM, type InvalidTokenReason } from '@/lib/contract';
import { LoginForm } from './login-form';
import { RequestAction } from './request-action';
import { GARBAGE_TOKEN, SHORT_TTL_SECONDS } from './route-requests';
import { Part, Step } from './step';
import { TokenBar } from './token-bar';
import { TokenInspector } from './token-inspector';

// A static page: the steps' words and code are rendered here on the server, at build time; only
// the actions, the answers and the token bar are client components.
export default function Home() {
  return (
    <>
      <header className="intro">
        <h1>JWT API authentication in Next.js</h1>
        <p>The Flask JWT tutorial in your browser: log in, get a token, call the API with it.</p>
      </header>
      <main>
        <TokenBar />

        <Part id="tutorial" title="The tutorial">
          <Step id="open" number={1} title="The open route">
            <p>
              <code>/unprotected</code> answers anyone, token or not.
            </p>
            <RequestAction action="unprotected" />
          </Step>

          <Step id="challenge" number={2} title="/login asks for credentials">
            <p>
              Without them: 401 and <code>WWW-Authenticate: Basic</code>, which makes a browser ask for a password (
              <a href="/login">try it</a>).
            </p>
            <RequestAction action="login-challenge" />
          </Step>

          <Step id="login" number={3} title="Log in, get a token">
            <p id="login-hint">
              Any username; the password is <code>password</code> unless the server sets <code>DEMO_PASSWORD</code> or{' '}
              <code>DEMO_USERS</code>.
            </p>
            <LoginForm describedBy="login-hint" />
          </Step>

          <Step id="inspect" number={4} title="Look inside the token">
            <TokenInspector />
          </Step>

          <Step id="missing" number={5} title="/protected with no token">
            <p>
              The edge middleware, a gate in front of <code>/protected</code>, refuses it before the route runs: 401{' '}
              <q>{MESSAGES.tokenMissing}</q>
            </p>
            <RequestAction action="no-token" />
          </Step>

          <Step id="invalid" number={6} title="With a made-up token">
            <p>
              The video sends <code>{GARBAGE_TOKEN}</code> as the token. It is not even a well-formed JWT: 401{' '}
              <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="malformed" />.
            </p>
            <RequestAction action="garbage" />
          </Step>

          <Step id="valid" number={7} title="With your token">
            <p>
              The gate lets it through and the route verifies it again: 200 with your username. The tutorial sends it as{' '}
              <code>?{TOKEN_PARAM}=</code>; <code>Authorization: Bearer</code> keeps it out of browser history and server
              logs. Both need a token from step 3.
            </p>
            <RequestAction action="query" />
            <RequestAction action="bearer" />
          </Step>

          <Step id="expired" number={8} title="A short token expires">
            <p>
              Log in for a {SHORT_TTL_SECONDS}-second token, wait for the bar above to say Expired, then send it again:
              401 <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="expired" />.
            </p>
            <LoginForm short />
            <RequestAction action="bearer" />
          </Step>

          <Step id="again" number={9} title="Log in again">
            <p>A fresh token, and /protected answers 200 again.</p>
            <LoginForm />
            <RequestAction action="bearer" />
          </Step>

          <p className="part-end">
            That is the whole tutorial. <Link href="/from-flask">From Flask to Next.js</Link> maps each part of the
            video’s Flask app to its counterpart here, and says where this app differs, and why.
          </p>
        </Part>

        <Part
          id="beyond"
          title="Beyond the tutorial"
          intro={<p className="part-intro">Two forged tokens the video does not try. Both start from yours.</p>}
        >
          <Step id="tampered" number={1} title="A tampered token">
            <p>
              Your payload, changed to claim another user (<code>admin</code>, or <code>root</code> if you are admin),
              under the old signature. The signature no longer fits: 401, reason <Reason name="bad_signature" />.
            </p>
            <RequestAction action="tampered" />
          </Step>

          <Step id="alg-none" number={2} title="alg: none">
            <p>
              Your payload under a header saying <code>{'"alg": "none"'}</code>, with no signature at all. Only HS256 is
              allowed: 401, reason <Reason name="unsupported_algorithm" />.
            </p>
            <RequestAction action="alg-none" />
          </Step>
        </Part>
      </main>
      <footer className="muted">
        <Link href="/from-flask">From Flask to Next.js</Link>. Direct links: <a href="/unprotected">/unprotected</a>,{' '}
        <a href="/login">/login</a> (your browser asks for the username and password), <a href="/protected">/protected</a>.
      </footer>
    </>
  );
}

// A reason named in the text is checked against the contract, so a renamed reason is a type error here.
function Reason({ name }: { name: InvalidTokenReason }) {
  return <code>{name}</code>;
}
