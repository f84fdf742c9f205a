import { externalStore } from './external-store';
import type { Outcome } from './route-requests';
import { completesStep, PART_STEPS, type RequestStep, type StepId } from './walkthrough-steps';

// The steps done in this tab, shared by every step's tick and every part's count. Each component
// records its own step, from what you did there. Kept in sessionStorage as the token is, so that a
// reload keeps both. Nothing else clears them: not a new token or a new session, since the
// walkthrough itself needs several (step 8's short token and step 9's fresh one; a new session
// after step 4's logout, for step 5), nor forgetting the token. A tick says what you did, and that
// stays done; a new tab starts afresh.
const PROGRESS_KEY = 'jwt-walkthrough:progress';
const ALL_STEPS: readonly StepId[] = Object.values(PART_STEPS).flat();
const NONE: ReadonlySet<StepId> = new Set();

const done = externalStore<ReadonlySet<StepId>>({
  initial() {
    try {
      const stored = sessionStorage.getItem(PROGRESS_KEY)?.split(',') ?? [];
      return new Set(ALL_STEPS.filter((step) => stored.includes(step)));
    } catch {
      return NONE; // Storage disabled: progress lasts this visit.
    }
  },
  server: NONE,
});

/** Marks a step done. */
export function recordStep(step: StepId): void {
  const before = done.get();
  if (before.has(step)) return;
  const after = new Set(before).add(step);
  try {
    sessionStorage.setItem(PROGRESS_KEY, [...after].join(','));
  } catch {
    // Storage disabled: progress lasts this visit.
  }
  done.set(after);
}

/** Marks the step done when its own action got the answer the step is there to show. */
export function recordAnswer(step: RequestStep, answer: Outcome): void {
  if (completesStep(step, answer)) recordStep(step);
}

/** The steps done so far; none on the server. */
export function useDoneSteps(): ReadonlySet<StepId> {
  return done.useValue();
}
