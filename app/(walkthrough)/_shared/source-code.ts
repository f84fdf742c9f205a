import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarationOf, highlightLines, wholeFile, type Token } from './source-excerpt';
import type { ExcerptView } from './source-figure';
import { STEP_CODE } from './step-code';
import type { StepId } from './walkthrough-steps';

// Identifiers, spaces and punctuation stay plain text; only these get a colour.
const COLOURED = new Set<Token['type']>(['keyword', 'string', 'comment', 'class', 'property', 'entity', 'jsxliterals']);

/**
 * The project's own lines that handle a step, read from the source files when the code's page and
 * its JSON are built (never at run time: the deployed server needs none of these files), and split
 * into highlighted tokens here, so that the browser runs no highlighter.
 */
export function stepExcerpts(step: StepId): ExcerptView[] {
  return STEP_CODE[step].map(({ file, symbol }) => {
    // Turbopack is told not to trace the whole project for these reads.
    const source = readFileSync(join(/* turbopackIgnore: true */ process.cwd(), file), 'utf8');
    const lines = symbol === undefined ? wholeFile(source) : declarationOf(source, symbol);
    if (lines === null) throw new Error(`${file} declares no ${symbol}: update app/(walkthrough)/_shared/step-code.ts.`);
    const tokens = highlightLines(lines.text).map((line) => line.map(({ type, value }) => ({ type: COLOURED.has(type) ? type : null, value })));
    return { file, ...(symbol === undefined ? {} : { symbol }), from: lines.from, to: lines.to, lines: tokens };
  });
}
