'use client';

import { useState, type SyntheticEvent } from 'react';
import { SourceFigure, type ExcerptView } from './source-figure';
import styles from './step.module.css';
import { stepCodePath, type StepId } from './walkthrough-steps';

type Loaded = { state: 'closed' } | { state: 'loading' } | { state: 'shown'; excerpts: ExcerptView[] } | { state: 'failed' };

/**
 * A step's code behind a disclosure, loaded when it is first opened: the page's first load carries
 * none of it. Without JavaScript the disclosure still opens, on a link to the code's own page.
 */
export function CodeDisclosure({ step, files }: { step: StepId; files: string[] }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'closed' });
  const path = stepCodePath(step);

  async function load(event: SyntheticEvent<HTMLDetailsElement>) {
    if (!event.currentTarget.open || loaded.state === 'loading' || loaded.state === 'shown') return;
    setLoaded({ state: 'loading' });
    try {
      const answer = await fetch(`${path}/excerpts`);
      if (!answer.ok) throw new Error(`${answer.status}`);
      setLoaded({ state: 'shown', excerpts: (await answer.json()) as ExcerptView[] });
    } catch {
      setLoaded({ state: 'failed' });
    }
  }

  return (
    <details className={styles.code} onToggle={load}>
      <summary>
        The code that handles it <span className={`muted ${styles.files}`}>({files.join(', ')})</span>
      </summary>
      {loaded.state === 'shown' ? (
        loaded.excerpts.map((excerpt) => <SourceFigure key={`${excerpt.file}#${excerpt.symbol ?? ''}`} {...excerpt} />)
      ) : (
        <p className={styles.codeLink} role={loaded.state === 'failed' ? 'alert' : undefined}>
          {loaded.state === 'loading' ? 'Loading the code… ' : loaded.state === 'failed' ? 'The code did not load. ' : ''}
          <a href={path}>Open the code on a page of its own</a>
        </p>
      )}
    </details>
  );
}
