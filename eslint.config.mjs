import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
