import type { Metadata } from 'next';
import Link from 'next/link';
import { stepExcerpts } from '../../_shared/source-code';
import { SourceFigure } from '../../_shared/source-figure';
import { PART_STEPS, stepElementId, type StepId } from '../../_shared/walkthrough-steps';

// A step's code on a page of its own: what the walkthrough's disclosure loads, for a reader without
// JavaScript or one who wants a link to it. Built with the page, one per step.
export const dynamicParams = false;

export function generateStaticParams() {
  return Object.values(PART_STEPS).flat().map((step) => ({ step }));
}

export const metadata: Metadata = { title: 'The code that handles a step' };

export default async function StepCode({ params }: PageProps<'/code/[step]'>) {
  const step = (await params).step as StepId;
  return (
    <main>
      <p>
        <Link href={`/#${stepElementId(step)}`}>Back to the step</Link>
      </p>
      <h1>The code that handles it</h1>
      {stepExcerpts(step).map((excerpt) => (
        <SourceFigure key={`${excerpt.file}#${excerpt.symbol ?? ''}`} {...excerpt} />
      ))}
    </main>
  );
}
