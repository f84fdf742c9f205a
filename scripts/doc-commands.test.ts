import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The docs' shell blocks are run word for word, one block at a time, from the project's root: each
// must work on its own, and must leave nothing behind in the checkout.

const root = path.resolve(__dirname, '..');
const docs = ['README.md', 'SECURITY.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  file: string;
  /** The block's commands, one per line, comments removed. */
  lines: string[];
}

const blocks: Block[] = docs.flatMap((file) =>
  [...readFileSync(path.join(root, file), 'utf8').matchAll(/^```(?:bash|sh)\n([\s\S]*?)^```/gm)].map((m) => ({
    file,
    lines: m[1]!.split('\n').map((line) => line.replace(/(^|\s)#.*$/, '').trim()),
  })),
);

const label = (block: Block) => `${block.file}: ${block.lines.find((line) => line !== '')}`;

/** The files a command line writes: curl's -c, -o and -D, cp's target, tee's, and > redirections. */
function filesWritten(line: string): string[] {
  const targets = [
    ...line.matchAll(/(?:^|\s)(?:-[a-zA-Z]*[coD]|--cookie-jar|--output|--dump-header)\s+(\S+)/g),
    ...line.matchAll(/\bcp\s+\S+\s+(\S+)/g),
    ...line.matchAll(/\btee\s+(?:-a\s+)?([^\s|;&]+)/g),
    ...line.matchAll(/(?<![\d&>])>>?\s*([^\s|;&]+)/g),
  ].map((m) => m[1]!.replace(/^"|"$/g, ''));
  return targets.filter((target) => target !== '/dev/null' && target !== '-' && !target.startsWith('$') && !target.startsWith('/tmp/'));
}

describe('the shell blocks of the docs', () => {
  it('finds the blocks it checks', () => {
    expect(blocks.map((block) => block.file)).toEqual(expect.arrayContaining(['README.md', 'docs/SESSIONS.md', 'docs/DEPLOYING.md']));
  });

  it.each(blocks.map((block) => [label(block), block] as const))(
    'writes files only in a temporary directory: %s',
    (_, { lines }) => {
      const inTemporary = lines.findIndex((line) => /\bcd\s+"?\$\(mktemp -d\)"?/.test(line));
      const strays = lines.flatMap((line, index) => (inTemporary !== -1 && index > inTemporary ? [] : filesWritten(line)));
      expect(strays).toEqual([]);
    },
  );

  it.each(blocks.filter((block) => block.lines.some(starts)).map((block) => [label(block), block] as const))(
    'builds before it starts the production server: %s',
    (_, { lines }) => {
      const built = lines.findIndex((line) => /\b(npm run build|next build)\b/.test(line));
      expect(built).not.toBe(-1);
      expect(built).toBeLessThan(lines.findIndex(starts));
    },
  );

  it("SESSIONS.md's curl block shows the headline: the access token served before logout, refused after", () => {
    const curl = blocks.find((block) => block.file === 'docs/SESSIONS.md' && block.lines.some((line) => line.includes('/auth/login')))!;
    const protectedCalls = curl.lines.flatMap((line, index) => (line.includes('/protected') && line.includes('Bearer') ? [index] : []));
    const logout = curl.lines.findIndex((line) => line.includes('/auth/logout'));
    expect(logout).toBeGreaterThan(-1);
    expect(protectedCalls.some((index) => index < logout)).toBe(true);
    expect(protectedCalls.some((index) => index > logout)).toBe(true);
  });
});

function starts(line: string): boolean {
  return /\b(npm start|npm run start|next start)\b/.test(line);
}
