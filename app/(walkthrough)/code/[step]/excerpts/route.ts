import { stepExcerpts } from '../../../_shared/source-code';
import { PART_STEPS, type StepId } from '../../../_shared/walkthrough-steps';

// A step's code as JSON, for its disclosure on the walkthrough: built once per build, like the page.
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return Object.values(PART_STEPS).flat().map((step) => ({ step }));
}

export async function GET(_request: Request, { params }: RouteContext<'/code/[step]/excerpts'>) {
  return Response.json(stepExcerpts((await params).step as StepId));
}
