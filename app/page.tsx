import { Walkthrough } from './walkthrough';

// A static shell: everything interactive lives in the client component below it.
export default function Home() {
  return (
    <>
      <header className="intro">
        <h1>JWT API authentication in Next.js</h1>
        <p>
          Log in to get a signed token, look inside it, and call each route of the API to see how the server answers. This
          is the Flask JWT tutorial, step by step, with every request and answer shown.
        </p>
      </header>
      <main>
        <Walkthrough />
      </main>
      <footer className="muted">
        Direct links: <a href="/unprotected">/unprotected</a>, <a href="/login">/login</a> (your browser asks for the
        username and password), <a href="/protected">/protected</a>.
      </footer>
    </>
  );
}
