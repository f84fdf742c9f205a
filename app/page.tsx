const ROUTES = [
  { path: '/unprotected', what: 'open to anyone' },
  { path: '/login', what: 'HTTP Basic credentials in, a signed token out' },
  { path: '/protected', what: 'needs a valid token in ?token= or Authorization: Bearer' },
];

export default function Home() {
  return (
    <main>
      <h1>JWT API authentication in Next.js</h1>
      <ul>
        {ROUTES.map(({ path, what }) => (
          <li key={path}>
            <a href={path}>
              <code>GET {path}</code>
            </a>{' '}
            — {what}
          </li>
        ))}
      </ul>
    </main>
  );
}
