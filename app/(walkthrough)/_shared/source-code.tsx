import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import styles from './source-code.module.css';
import { declarationOf, highlightLines, wholeFile, type Token } from './source-excerpt';
import type { Excerpt } from './step-code';

// Identifiers, spaces and punctuation stay plain text; only these get a colour.
const COLOURED = new Set<Token['type']>(['keyword', 'string', 'comment', 'class', 'property', 'entity', 'jsxliterals']);

/**
 * The project's own lines, read from the source file when the page is built and highlighted here on
 * the server: the page ships them as HTML, with no highlighter in the browser.
 */
export function SourceCode({ file, symbol }: Excerpt) {
  // Read while the static page is built, never at run time: so the deployed server needs none of
  // these files, and Turbopack is told not to trace the whole project for them.
  const source = readFileSync(join(/* turbopackIgnore: true */ process.cwd(), file), 'utf8');
  const lines = symbol === undefined ? wholeFile(source) : declarationOf(source, symbol);
  if (lines === null) throw new Error(`${file} declares no ${symbol}: update app/(walkthrough)/_shared/step-code.ts.`);
  return (
    <figure className={styles.source}>
      <figcaption>
        <code>{file}</code>
        {symbol && (
          <>
            , <code>{symbol}</code>
          </>
        )}
        , lines {lines.from}–{lines.to}
      </figcaption>
      <pre className={`code ${styles.lines}`} tabIndex={0}>
        <code>
          {highlightLines(lines.text).map((tokens, line) => (
            <span key={line}>
              {tokens.map((token, index) =>
                COLOURED.has(token.type) ? (
                  <span key={index} className={`sh-${token.type}`}>
                    {token.value}
                  </span>
                ) : (
                  token.value
                ),
              )}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
