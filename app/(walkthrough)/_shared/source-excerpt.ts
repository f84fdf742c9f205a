// Build-time only: the project's own source, cut to the lines a step shows and split into tokens for
// highlighting. Server components import this; no client code does, so it adds no JavaScript to the page.
import { parse, type TokenType } from 'sugar-high/core';
import { tokenize as typescript } from 'sugar-high/lang/typescript';

/** Lines of a source file, numbered from 1 as an editor shows them. */
export interface SourceLines {
  text: string;
  from: number;
  to: number;
}

/** The whole file, without its final newline. */
export function wholeFile(source: string): SourceLines {
  const text = source.replace(/\n+$/, '');
  return { text, from: 1, to: text.split('\n').length };
}

/**
 * The top-level declaration of `symbol` (a function, const, class, interface or type; in Python, a
 * `def`) with the comment just above it; null when the file declares no such symbol.
 */
export function declarationOf(source: string, symbol: string): SourceLines | null {
  const lines = source.split('\n');
  const declares = new RegExp(`^((export )?(default )?(async )?(function|const|let|class|interface|type)|def) ${symbol}\\b`);
  const start = lines.findIndex((line) => declares.test(line));
  if (start < 0) return null;
  let from = start;
  while (from > 0 && /^\s*(\/\/|\/\*\*|\*|#|@)/.test(lines[from - 1]!)) from--;
  const end = lines[start]!.startsWith('def ') ? pythonBlockEnd(lines, start) : bracedEnd(lines, start);
  if (end < 0) return null;
  return { text: lines.slice(from, end + 1).join('\n'), from: from + 1, to: end + 1 };
}

// A declaration in braces ends at the first line that closes at the left margin, as formatted code does.
function bracedEnd(lines: string[], start: number): number {
  return /[;,]\s*$/.test(lines[start]!) ? start : lines.findIndex((line, index) => index > start && /^[}\]]/.test(line));
}

// A Python block ends at its last indented line: before the next line at the left margin, or the file's end.
function pythonBlockEnd(lines: string[], start: number): number {
  const next = lines.findIndex((line, index) => index > start && /^\S/.test(line));
  let end = (next < 0 ? lines.length : next) - 1;
  while (end > start && lines[end]!.trim() === '') end--;
  return end;
}

export interface Token {
  type: TokenType;
  value: string;
}

/** TypeScript source split into lines of typed tokens, for highlighting with CSS classes. */
export function highlightLines(text: string): Token[][] {
  return parse(text, { tokenize: typescript }).lines.map((line) => line.tokens.map(({ type, value }) => ({ type, value })));
}
