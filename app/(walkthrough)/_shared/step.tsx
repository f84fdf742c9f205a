import type { ReactNode } from 'react';
import { PartProgress, StepTick } from './progress';
import { CodeDisclosure } from './code-disclosure';
import { STEP_CODE } from './step-code';
import styles from './step.module.css';
import { stepElementId, type PartId, type StepId } from './walkthrough-steps';

/** A part of the walkthrough: a heading with its own progress, then its steps in order. */
export function Part({ id, title, intro, children }: { id: PartId; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} className={styles.part} aria-labelledby={`part-${id}`}>
      <div className={styles.heading}>
        <h2 id={`part-${id}`}>{title}</h2>
        <PartProgress part={id} label={`${title}: steps done`} />
      </div>
      {intro}
      {children}
    </section>
  );
}

/**
 * One step, all in one place: what it shows, its action and the answer (the children), and the
 * project's own code that handles it, behind a disclosure that loads it when opened.
 */
export function Step({ id, number, title, children }: { id: StepId; number: number; title: string; children: ReactNode }) {
  return (
    <section id={stepElementId(id)} className={styles.step} aria-labelledby={`${stepElementId(id)}-heading`}>
      <div className={styles.stepHeading}>
        <StepTick step={id} />
        <h3 id={`${stepElementId(id)}-heading`}>
          {number}. {title}
        </h3>
      </div>
      {children}
      <CodeDisclosure step={id} files={[...new Set(STEP_CODE[id].map((excerpt) => excerpt.file))]} />
    </section>
  );
}
