import Link from 'next/link';
import { AuthorizationBar } from './_authorization/authorization-bar';
import { AuthorizationPart } from './_authorization/authorization-part';
import { BeyondPart } from './_beyond/beyond-part';
import { SessionBar } from './_sessions/session-bar';
import { SessionsPart } from './_sessions/sessions-part';
import { TokenBar } from './_shared/token-bar';
import { TutorialBar } from './_tutorial/tutorial-bar';
import { TutorialPart } from './_tutorial/tutorial-part';
import styles from './page.module.css';

// A static page: the steps' words and code are rendered here on the server, at build time; only
// the actions, the answers and the token bar are client components. Each part of the page lives
// in its own folder beside this file, and what they share in _shared.
export default function Home() {
  return (
    <>
      <header className={styles.intro}>
        <h1>JWT API authentication in Next.js</h1>
        <p>The Flask JWT tutorial in your browser: log in, get a token, call the API with it.</p>
        <p className={`${styles.noscript} without-js`}>
          This walkthrough sends its requests from your browser, so its buttons need JavaScript, which is off here.
          The same API as a Next.js app, <Link href="/account">your account page</Link>, works without it.
        </p>
      </header>
      <main>
        <TokenBar tutorial={<TutorialBar />} sessions={<SessionBar />} authorization={<AuthorizationBar />} />
        <TutorialPart />
        <BeyondPart />
        <SessionsPart />
        <AuthorizationPart />
      </main>
      <footer className="muted">
        <Link href="/from-flask">From Flask to Next.js</Link>. Direct links: <a href="/unprotected">/unprotected</a>,{' '}
        <a href="/login">/login</a> (your browser asks for the username and password), <a href="/protected">/protected</a>.
      </footer>
    </>
  );
}
