import styles from './source-code.module.css';

/** One excerpt of the project's source, as the page shows it: where it comes from, and its highlighted lines. */
export interface ExcerptView {
  file: string;
  symbol?: string;
  from: number;
  to: number;
  /** Each line's tokens: their text, and sugar-high's token type where it gets a colour (null: plain). */
  lines: { type: string | null; value: string }[][];
}

/** An excerpt's lines as a figure: the same markup on the code's own page and in a step's disclosure. */
export function SourceFigure({ file, symbol, from, to, lines }: ExcerptView) {
  return (
    <figure className={styles.source}>
      <figcaption>
        <code>{file}</code>
        {symbol && (
          <>
            , <code>{symbol}</code>
          </>
        )}
        , lines {from}–{to}
      </figcaption>
      <pre className={`code ${styles.lines}`} tabIndex={0}>
        <code>
          {lines.map((tokens, line) => (
            <span key={line}>
              {tokens.map((token, index) =>
                token.type === null ? (
                  token.value
                ) : (
                  <span key={index} className={`sh-${token.type}`}>
                    {token.value}
                  </span>
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
