import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every relative link and image in the docs must point at something in the tree, and every
// #anchor at a heading of the file it names, as GitHub renders them.

const root = path.resolve(__dirname, '..');
const docs = ['README.md', 'SECURITY.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

function links(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^(https?:|mailto:)/.test(target));
}

describe('the links of the docs', () => {
  it('finds the docs it checks', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'docs/SESSIONS.md', 'docs/TESTING.md']));
  });

  it.each(docs)('%s links only to files and headings that exist', (file) => {
    const broken = links(file).filter((target) => {
      const [pathPart, anchor] = target.split('#') as [string, string | undefined];
      const resolved = pathPart === '' ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), decodeURIComponent(pathPart));
      if (!existsSync(resolved)) return true;
      return anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md') && !anchors(resolved).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

describe('the files and tests the docs name', () => {
  const named = (file: string) => [...readFileSync(path.join(root, file), 'utf8').matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  const specs = readdirSync(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(root, 'e2e', f), 'utf8'))
    .join('\n');

  it.each(docs)('%s names only source files that exist', (file) => {
    const sources = named(file).filter((name) => /^(app|lib|e2e|scripts|test|bench|\.ci)\//.test(name) && !name.includes('*') && !name.startsWith('bench/.floor'));
    expect(sources.filter((name) => !existsSync(path.join(root, name)))).toEqual([]);
  });

  it.each(docs)('%s names test.fail, test.fixme or test.skip only where a spec uses it', (file) => {
    const markers = named(file).filter((name) => /^test\.(fail|fixme|skip)$/.test(name));
    expect(markers.filter((marker) => !specs.includes(`${marker}(`))).toEqual([]);
  });
});

describe('the tree in docs/ARCHITECTURE.md', () => {
  it('names every folder at the top of the repository', () => {
    const text = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const tree = /## The tree\n+```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const named = new Set([...tree.matchAll(/^(\S+)\//gm)].map((m) => m[1]));
    // The folders git tracks: what a clone has, not what a run left behind.
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
    const folders = [...new Set(tracked.flatMap((file) => (/^([^./][^/]*)\//.exec(file)?.[1] ?? [])))];
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });
});
