import { externalStore } from './external-store';

// One shared one-second clock, running only while something shows a countdown.
const clock = externalStore({
  initial: () => Date.now(),
  server: 0,
  watch() {
    clock.set(Date.now());
    const timer = setInterval(() => clock.set(Date.now()), 1000);
    return () => clearInterval(timer);
  },
});

/** The time in milliseconds, updated once a second while the component is mounted. */
export function useNow(): number {
  return clock.useValue();
}
