import { useState } from 'react';

/**
 * What a button shows of its latest send. `begin` opens a new answer at once (so a late one moves
 * nothing) and returns `show`, which fills it in; once a later send has begun, `show` does nothing,
 * so an answer overtaken by another never replaces it. `sent` counts the sends: key the answer's
 * view on it, so each new answer starts with its detail closed. (An AbortController per send would
 * need the count still, for the key, and a ref besides; aborting the request itself would lose the
 * step's tick, or a refresh the server has already spent.)
 */
export function useLatestSend<T extends object>(): [(T & { sent: number }) | null, (opening: T) => (shown: T) => void] {
  const [latest, setLatest] = useState<(T & { sent: number }) | null>(null);
  function begin(opening: T) {
    const sent = (latest?.sent ?? 0) + 1;
    setLatest({ ...opening, sent });
    return (shown: T) => setLatest((current) => (current?.sent === sent ? { ...shown, sent } : current));
  }
  return [latest, begin];
}
