import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'JWT API authentication in Next.js',
  description: 'Log in, inspect the token, and call protected routes: the Flask JWT tutorial, in Next.js.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

// Where scripts run, <html> gets the class `js` before the body is parsed, so that what only a
// browser without JavaScript should see (`.without-js`, globals.css) is hidden before the first
// paint and nothing shifts. A <noscript> would do the same for a browser with JavaScript turned off,
// but not where scripts are blocked another way (an extension, a policy, a test browser's switch).
const MARK_SCRIPTS_ON = "document.documentElement.classList.add('js')";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The class differs from the server's HTML by design: React is told not to mind.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: MARK_SCRIPTS_ON }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
