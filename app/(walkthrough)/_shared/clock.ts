import { useSyncExternalStore } from 'react';

// One shared one-second clock, running only while something shows a countdown.
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const clockListeners = new Set<() => void>();

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      clockListeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function readClock(): number {
  if (now === 0) now = Date.now();
  return now;
}

/** The time in milliseconds, updated once a second while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, readClock, () => 0);
}
