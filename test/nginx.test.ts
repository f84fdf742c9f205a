import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROXY_HEADERS } from './nginx';

// The e2e suite's nginx runs the proxy lines docs/DEPLOYING.md gives: what is tested is what is documented.
describe("docs/DEPLOYING.md's nginx block", () => {
  it('holds the proxy lines that e2e/two-instances.spec.ts runs in front of the app', () => {
    const doc = readFileSync(path.join(__dirname, '..', 'docs', 'DEPLOYING.md'), 'utf8');
    const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const lines = block.split('\n').map((line) => line.trim());
    for (const line of PROXY_HEADERS.split('\n')) expect(lines).toContain(line);
  });
});
