'use client';

import styles from './progress.module.css';
import { useDoneSteps } from './progress-store';
import { PART_STEPS, type PartId, type StepId } from './walkthrough-steps';

/** A step's tick: an empty circle until its answer comes back as the step expects. */
export function StepTick({ step }: { step: StepId }) {
  const done = useDoneSteps().has(step);
  return (
    <span className={done ? `${styles.tick} ${styles.done}` : styles.tick}>
      <span aria-hidden="true">{done ? '✓' : ''}</span>
      <span className="visually-hidden">{done ? 'Done' : ''}</span>
    </span>
  );
}

/** How many of a part's steps are done: `3 of 9 done`. */
export function PartProgress({ part, label }: { part: PartId; label: string }) {
  const doneSteps = useDoneSteps();
  const steps = PART_STEPS[part];
  const done = steps.filter((step) => doneSteps.has(step)).length;
  return (
    <p className={styles.partProgress}>
      <span>
        {done} of {steps.length} done
      </span>
      <progress aria-label={label} max={steps.length} value={done} />
    </p>
  );
}
