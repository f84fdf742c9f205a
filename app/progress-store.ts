import { useSyncExternalStore } from 'react';
import { stepCompleted, type StepEvent, type StepId } from './walkthrough-steps';

// The steps done in this visit, shared by every step's tick and every part's count. Kept in memory
// only: a reload starts the walkthrough afresh (the token alone is kept, in token-store.ts).
const NONE: ReadonlySet<StepId> = new Set();
let done = NONE;
const listeners = new Set<() => void>();

/** Marks the step that the event completes, if any. */
export function recordStep(event: StepEvent): void {
  const step = stepCompleted(event, done);
  if (step === null || done.has(step)) return;
  done = new Set(done).add(step);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The steps done so far; none on the server. */
export function useDoneSteps(): ReadonlySet<StepId> {
  return useSyncExternalStore(subscribe, () => done, () => NONE);
}
