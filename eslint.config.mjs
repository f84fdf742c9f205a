import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The walkthrough's parts, one folder each beside app/(walkthrough)/page.tsx; what they share is in
// _shared.
const walkthrough = './app/(walkthrough)';
const parts = ['_tutorial', '_beyond', '_sessions', '_authorization'];

// What each folder may never import (docs/ARCHITECTURE.md): a wrong import fails `npm run lint`.
const nevers = {
  files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
  rules: {
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          {
            target: './lib/auth',
            from: ['./lib/session', './lib/users', './lib/dal.ts', './app'],
            message: 'lib/auth is the stateless core, run at the edge too: it never reaches a store or the app.',
          },
          {
            target: './middleware.ts',
            from: ['./lib/session', './lib/users', './lib/dal.ts'],
            message: 'The edge gate never touches a store: the route checks the session.',
          },
          {
            target: './lib/contract.ts',
            from: ['./lib', './app'],
            except: ['./contract.ts'],
            message: 'The contract holds no secret and imports nothing, so that every layer can share it.',
          },
          {
            target: './lib',
            from: './app',
            message: 'lib/ serves the app; it never imports from it.',
          },
          {
            target: walkthrough,
            from: ['./lib/auth', './lib/session', './lib/store', './lib/stores.ts', './lib/todos', './lib/dal.ts', './lib/api-route.ts'],
            message: 'The walkthrough runs in the browser: it never reaches code that holds the secret or a store. From lib/ it takes lib/contract.ts and lib/users/names.ts.',
          },
          {
            target: walkthrough,
            from: './lib/users',
            except: ['./names.ts'],
            message: 'The walkthrough runs in the browser: of lib/users it takes only names.ts, never the directory or the passwords.',
          },
          ...parts.map((part) => ({
            target: `${walkthrough}/${part}`,
            from: parts.filter((other) => other !== part).map((other) => `${walkthrough}/${other}`),
            message: 'A part of the walkthrough never imports another part: move what both need to _shared.',
          })),
          {
            target: `${walkthrough}/_shared`,
            from: parts.map((part) => `${walkthrough}/${part}`),
            message: 'What the parts share never depends on a part: pass the part in (as the token bar takes its bars).',
          },
        ],
      },
    ],
  },
};

const edgeSafe = {
  files: ['lib/auth/**/*.ts', 'middleware.ts'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['node:*'], message: 'lib/auth and the gate run on the edge runtime too: Web Crypto and jose only.' },
          { group: ['redis'], message: 'No store at the edge.' },
        ],
      },
    ],
  },
};

const routesStandAlone = {
  files: ['app/**/route.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['**/route', '**/route.ts'], message: 'No route imports another route: share a function in lib/ instead.' }] },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  nevers,
  edgeSafe,
  routesStandAlone,
  globalIgnores(['.next/**', '.vercel/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp/**', 'reports/**', 'bench/.floor/**', 'next-env.d.ts', '.server-only-probe-*/**']),
]);
