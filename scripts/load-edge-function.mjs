// Loads a built edge function (Build Output API) into edge-runtime, Vercel's edge runtime for Node,
// with what Vercel's edge adds to it, so that check-vercel.mjs can call the function as Vercel will.
import assert from 'node:assert';
import asyncHooks, { AsyncLocalStorage } from 'node:async_hooks';
import buffer from 'node:buffer';
import events from 'node:events';
import { readFileSync } from 'node:fs';
import util from 'node:util';
import vm from 'node:vm';
import { EdgeRuntime } from 'edge-runtime';

// The only Node modules Vercel's edge offers, required as `buffer` or `node:buffer`; any other is
// refused, as it is there. (Vercel offers a subset of each module's exports; these are whole.)
const NODE_COMPAT = { assert, async_hooks: asyncHooks, buffer, events, util };

/** Loads the edge function in `dir` with `env` added to its process.env; returns a fetch that calls it. */
export async function loadEdgeFunction(dir, env) {
  const config = JSON.parse(readFileSync(`${dir}/.vc-config.json`, 'utf8'));
  const runtime = new EdgeRuntime({
    extend: (context) =>
      Object.assign(context, {
        AsyncLocalStorage,
        process: { env: { ...config.environment, ...env } },
        require: (id) => {
          const compat = NODE_COMPAT[id.replace(/^node:/, '')];
          if (!compat) throw new TypeError(`Native module not found: ${id}`);
          return compat;
        },
      }),
  });

  // The entrypoint is an ES module whose default export is the handler, so it is evaluated as one,
  // in the runtime's context: vm.SourceTextModule, which needs node --experimental-vm-modules.
  const path = `${dir}/${config.entrypoint}`;
  const entrypoint = new vm.SourceTextModule(readFileSync(path, 'utf8'), { context: runtime.context, identifier: path });
  await entrypoint.link(() => {
    throw new Error(`${path} imports a module; an edge function must be one file`);
  });
  // Failures are rethrown from here: Node would print an error thrown in the bundle with its line,
  // all of the minified bundle.
  const fails = (error) => {
    throw new Error(`${path} fails in edge-runtime: ${error.message}`, { cause: error });
  };
  await entrypoint.evaluate().catch(fails);
  const handler = entrypoint.namespace.default;
  assert.equal(typeof handler, 'function', `${path} has no default export to call`);

  const EdgeRequest = runtime.evaluate('Request');
  return (url, init) => handler(new EdgeRequest(url, init), { waitUntil: () => {} }).catch(fails);
}
