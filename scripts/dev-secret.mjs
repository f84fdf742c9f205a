// Runs before `npm run dev`: gives this checkout a development JWT_SECRET and JWT_SIGNING_KEY of its
// own, once. There is no fixed development secret in the source: anyone who had read it could forge
// tokens for any dev server they can reach (`next dev` listens on every interface). These are random,
// live in .env.development.local (gitignored: never committed; read by `next dev` only, so a
// production build or `npm start` never quietly signs with them), and are kept until you delete or
// change them.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = '.env.development.local';
const FILES = ['.env.development.local', '.env.local', '.env.development', '.env'];
const assigned = (name) => new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*(\\S*)`, 'm');

const made = {
  JWT_SECRET: () => randomBytes(32).toString('base64'),
  // The ES256 key that signs access tokens, as a private JWK on one line. Single-quoted, so that
  // the env file takes its JSON as it is.
  JWT_SIGNING_KEY: () => `'${JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }))}'`,
};

let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
const written = [];
for (const [name, make] of Object.entries(made)) {
  // The files `next dev` reads, in any order: a value set in any of them, or in the shell, wins.
  const setIn = (file) => existsSync(file) && Boolean(assigned(name).exec(file === FILE ? text : readFileSync(file, 'utf8'))?.[1]);
  if (process.env[name] || FILES.some(setIn)) continue;
  const line = `${name}=${make()}`;
  text = assigned(name).test(text)
    ? text.replace(assigned(name), () => line)
    : `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${written.length === 0 && !text.includes('npm run dev') ? '# Made by `npm run dev` for this checkout only. Never commit it.\n' : ''}${line}\n`;
  written.push(name);
}
if (written.length > 0) {
  writeFileSync(FILE, text, { mode: 0o600 });
  console.log(`Made a development ${written.join(' and ')} for this checkout in ${FILE}. The server signs tokens with ${written.length > 1 ? 'them' : 'it'}.`);
}
