'use client';

import { useState } from 'react';
import styles from './copy-button.module.css';

// What the button says once clicked.
const SAID: Record<'idle' | 'copied' | 'failed' | 'no-clipboard', string> = {
  idle: '',
  copied: 'Copied',
  failed: 'Copy failed: select the text instead',
  // Browsers offer navigator.clipboard only in a secure context: over plain http to another host, none.
  'no-clipboard': 'Copying needs HTTPS or localhost: select the text instead.',
};

/** A button that copies `text` and says so for two seconds. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<keyof typeof SAID>('idle');

  function copy() {
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));
    else setState('no-clipboard');
    setTimeout(() => setState('idle'), 2000);
  }

  return (
    <>
      <button type="button" className="secondary" onClick={copy}>
        {label}
      </button>
      <span role="status" className={styles.said}>
        {SAID[state]}
      </span>
    </>
  );
}
