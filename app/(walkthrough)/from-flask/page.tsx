import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Marked } from 'marked';
import styles from './page.module.css';

export const metadata: Metadata = {
  title: 'From Flask to Next.js',
  description: 'Each part of the Flask JWT tutorial’s app, and where it went in this Next.js app, with every deliberate difference explained.',
};

const markdown = new Marked({
  renderer: {
    // The guide's links to source files work where it is read in the repository, not in the running
    // app, which serves no source: here they become plain text. Other links render as usual.
    link({ href, tokens }) {
      return /^(https?:|#)/.test(href) ? false : this.parser.parseInline(tokens);
    },
  },
});

// docs/FROM-FLASK.md, rendered when the page is built: one text, read on GitHub and here alike.
export default function FromFlask() {
  const source = readFileSync(join(/* turbopackIgnore: true */ process.cwd(), 'docs/FROM-FLASK.md'), 'utf8');
  return (
    <>
      <nav className={styles.back}>
        <Link href="/">← The walkthrough</Link>
      </nav>
      {/* Our own Markdown from the repository, rendered at build time: no user input reaches it. */}
      <main className={styles.prose} dangerouslySetInnerHTML={{ __html: markdown.parse(source, { async: false }) }} />
    </>
  );
}
