import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The modules that hold the secret or the store, or read source files when the page is built, are
// marked `import 'server-only'`. This builds a throwaway app inside the project whose one page is a
// client component importing them, and checks that Next refuses to build it, naming each module.

const MARKED = ['lib/auth/config.ts', 'lib/auth/keys.ts', 'lib/stores.ts', 'app/(walkthrough)/_shared/source-code.ts'];

const root = path.resolve(__dirname, '..');
// Inside the project, so that Next finds its node_modules and the modules under test.
const probe = mkdtempSync(path.join(root, '.server-only-probe-'));
afterAll(() => rmSync(probe, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(probe, file)), { recursive: true });
  writeFileSync(path.join(probe, file), text);
}

describe('server-only modules', () => {
  it('fail the build when a client component imports them', { timeout: 180_000 }, () => {
    write('tsconfig.json', JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { paths: { '@/*': ['../*'] } }, include: ['**/*.tsx'] }));
    write('app/layout.tsx', 'export default function Layout({ children }: { children: React.ReactNode }) { return <html><body>{children}</body></html>; }\n');
    write(
      'app/page.tsx',
      ["'use client';", ...MARKED.map((file, i) => `import * as m${i} from '@/${file.replace(/\.tsx?$/, '')}';`), `export default function Page() { return <p>{[${MARKED.map((_, i) => `m${i}`).join(', ')}].length}</p>; }`, ''].join('\n'),
    );
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build', probe, '--experimental-build-mode=compile'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    const output = build.stdout + build.stderr;
    expect(build.status, output).not.toBe(0);
    expect(output).toContain("'server-only' cannot be imported from a Client Component module");
    for (const file of MARKED) expect(output, file).toContain(`./${file}`);
  });
});
