// Runs before `npm run dev`: gives this checkout a development JWT_SECRET of its own, once.
// There is no fixed development secret in the source: anyone who had read it could forge tokens for
// any dev server they can reach (`next dev` listens on every interface). This one is random, lives
// in .env.development.local (gitignored: never committed; read by `next dev` only, so a production
// build or `npm start` never quietly signs with it), and is kept until you delete or change it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = '.env.development.local';
const ASSIGNED = /^[ \t]*JWT_SECRET[ \t]*=[ \t]*(\S*)/m;

// The files `next dev` reads, in any order: a secret set in any of them, or in the shell, wins.
const setIn = (file) => existsSync(file) && Boolean(ASSIGNED.exec(readFileSync(file, 'utf8'))?.[1]);
if (process.env.JWT_SECRET || ['.env.development.local', '.env.local', '.env.development', '.env'].some(setIn)) {
  process.exit(0);
}

const line = `JWT_SECRET=${randomBytes(32).toString('base64')}`;
const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
const updated = ASSIGNED.test(text)
  ? text.replace(ASSIGNED, line)
  : `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}# Made by \`npm run dev\` for this checkout only. Never commit it.\n${line}\n`;
writeFileSync(FILE, updated, { mode: 0o600 });
console.log(`Made a development JWT_SECRET for this checkout in ${FILE}. The server signs tokens with it.`);
