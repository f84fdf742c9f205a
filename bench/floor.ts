import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');
// Inside the project, so `next` and every import resolve from the project's node_modules by walking up.
export const FLOOR_DIR = path.join(root, 'bench', '.floor');
const FLOOR_MIDDLEWARE = path.join(root, 'bench', 'floor-middleware.ts');
const FLOOR_DAL = path.join(root, 'bench', 'floor-dal.ts');
const STAMP = path.join(FLOOR_DIR, '.sources-sha256');

/**
 * The app's files as `next build` sees them: tracked or new, not ignored, still present. The bench
 * is left out; it is no part of the app.
 */
function appFiles(): string[] {
  const listed = execSync('git ls-files --cached --others --exclude-standard -z', { cwd: root, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('bench/') && existsSync(path.join(root, file)))
    .sort();
}

function sourcesHash(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files, path.relative(root, FLOOR_MIDDLEWARE), path.relative(root, FLOOR_DAL)]) {
    hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the floor variant in bench/.floor: a copy of the app whose middleware.ts passes every
 * request on untouched, and whose Data Access Layer answers a constant user. Skipped when the last floor build is of the same sources, unless `force`.
 * Never writes outside bench/.floor.
 */
export function buildFloor({ force }: { force: boolean }): void {
  const files = appFiles();
  const hash = sourcesHash(files);
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) {
    console.log('Reusing the floor build in bench/.floor: the app has not changed since it was built.');
    return;
  }
  console.log('Building the floor variant in bench/.floor …');
  rmSync(FLOOR_DIR, { recursive: true, force: true });
  // Turbopack finds its root from the lockfile. Without one in the copy, the root is the project,
  // whose node_modules a root of bench/.floor could not reach, and Next sees no second lockfile.
  for (const file of files.filter((f) => f !== 'package-lock.json')) {
    mkdirSync(path.dirname(path.join(FLOOR_DIR, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(FLOOR_DIR, file));
  }
  cpSync(FLOOR_MIDDLEWARE, path.join(FLOOR_DIR, 'middleware.ts'));
  cpSync(FLOOR_DAL, path.join(FLOOR_DIR, 'lib', 'dal.ts'));
  execSync('npm run build', { cwd: FLOOR_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  // Written last: an interrupted build leaves no stamp, so the next run builds again.
  writeFileSync(STAMP, hash);
}
