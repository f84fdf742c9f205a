// Next inlines the page's React Server Components payload as <script> elements whose content
// changes with every build. A static page cannot carry a per-request nonce (that forces dynamic
// rendering), and its hashes are not known when this config is read, so script-src allows inline
// scripts. The page renders user input only as React text, never as HTML, and the rest of the
// policy stays tight: no eval, no plugins, no <base>, no framing, scripts and connections to this
// origin only. See SECURITY.md.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `next dev` answers its own scripts' requests (/_next/*, the HMR socket) for localhost only; a
  // page opened at http://127.0.0.1:3000 never hydrated, with nothing on it to say why.
  allowedDevOrigins: ['127.0.0.1'],
  experimental: {
    // The build cache in .next/cache saves little on an app this size, and a stale one made
    // `next build` panic (ModuleGraph::from_graphs_inner was canceled) until it was deleted.
    turbopackFileSystemCacheForBuild: false,
  },
  logging: {
    // `next dev` logs every request URL; one carrying ?token= would put the token in the terminal.
    incomingRequests: { ignore: [/[?&]token=/] },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          // The tutorial sends the token in the query string: never leak the URL, not even to this site.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      {
        // The pages with forms posted to Server Actions. Under no-referrer, Chromium sends
        // `Origin: null` with a form posted without JavaScript, and Next's CSRF check, which compares
        // Origin with Host, then refuses the action. same-origin sends the Origin (and a Referer) to
        // this site only, and these pages carry no token in their URLs. Set last, so it wins here.
        source: '/:page(account|sign-in)/:path*',
        headers: [{ key: 'Referrer-Policy', value: 'same-origin' }],
      },
      {
        // A reset link's page carries its token in the URL: strict-origin sends no path anywhere,
        // only the origin, so that its form posted without JavaScript still passes Next's check.
        source: '/reset/:path*',
        headers: [{ key: 'Referrer-Policy', value: 'strict-origin' }],
      },
    ];
  },
};

export default nextConfig;
