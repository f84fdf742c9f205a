import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// Every answer an API spec receives is checked against docs/openapi.yaml: the path and method must
// be documented, the status listed for the operation, and a JSON body must match its schema. So the
// document cannot drift from the code. Answers for paths the document does not describe (Next's
// own 404 for a probe, say) are left alone.

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

const DOCUMENT_ID = 'openapi.yaml';
const document = parse(readFileSync(path.join(__dirname, '..', 'docs', 'openapi.yaml'), 'utf8')) as Document;
// OpenAPI 3.1's schemas are JSON Schema 2020-12; the rest of the document is ignored by ajv.
const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema(document, DOCUMENT_ID);

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const routes = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The documented response of `template` for `method` and `status`, and the JSON pointer to it. */
function documented(template: string, method: string, status: number): { at: string; response: Operation['responses'][string] } | null {
  const operation = document.paths[template]?.[method];
  if (!operation) return null;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => operation.responses[k] !== undefined);
  if (key === undefined) return null;
  let at = `#/${pointer('paths', template, method, 'responses', key)}`;
  let response = operation.responses[key]!;
  // A response may be a $ref to components.responses.
  while (response.$ref) {
    at = response.$ref;
    response = at
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')], document) as typeof response;
  }
  return { at, response };
}

/**
 * Checks one answer against the document; throws, naming what does not match. `url` is absolute, or
 * a path as sent (`/api/todos/%2e%2e`), which a URL parser would resolve to another.
 */
export async function checkAgainstDocument(method: string, url: string, response: Pick<APIResponse, 'status' | 'headers' | 'body'>): Promise<void> {
  const pathname = url.startsWith('/') ? url : new URL(url).pathname;
  const route = routes.find(({ pattern }) => pattern.test(pathname));
  if (!route) return;
  const status = response.status();
  const lower = method.toLowerCase();
  expect(document.paths[route.template]?.[lower], `${method} ${route.template} is in docs/openapi.yaml`).toBeDefined();
  const found = documented(route.template, lower, status);
  expect(found, `${method} ${route.template} documents status ${status}`).not.toBeNull();
  const body = await response.body();
  const json = found!.response.content?.['application/json'];
  if (body.length === 0 || lower === 'head') {
    expect(json === undefined || status === 204 || lower === 'head', `${method} ${route.template} ${status} has the body it documents`).toBe(true);
    return;
  }
  // A body the document gives as text (Next's redirect names its target in one) is not JSON.
  if (json === undefined && found!.response.content?.['text/plain']) return;
  expect(json, `${method} ${route.template} ${status} documents a JSON body`).toBeDefined();
  expect(response.headers()['content-type'] ?? '', `${method} ${route.template} ${status} answers JSON`).toMatch(/^application\/json/);
  if (!json!.schema) return;
  const validate = ajv.getSchema(`${DOCUMENT_ID}${found!.at}/content/application~1json/schema`);
  expect(validate, `a schema at ${found!.at}`).toBeDefined();
  const value: unknown = JSON.parse(body.toString('utf8'));
  const valid = validate!(value);
  expect(valid, `${method} ${route.template} ${status}: ${ajv.errorsText(validate!.errors)} in ${body.toString('utf8').slice(0, 300)}`).toBe(true);
}

const METHODS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', fetch: 'fetch' };

/**
 * The Playwright test of the API specs: its `request` checks every answer against the document
 * before the spec sees it.
 */
export const test = base.extend<{ request: APIRequestContext }>({
  request: async ({ request }, provide) => {
    const checked = new Proxy(request, {
      get(target, property, receiver) {
        const original = Reflect.get(target, property, receiver) as unknown;
        if (typeof original !== 'function') return original;
        const method = typeof property === 'string' ? METHODS[property] : undefined;
        if (method === undefined) return original.bind(target);
        return async (url: string, options?: { method?: string }) => {
          const response = (await (original as (u: string, o?: object) => Promise<APIResponse>).call(target, url, options)) as APIResponse;
          await checkAgainstDocument(method === 'fetch' ? (options?.method ?? 'GET') : method, response.url(), response);
          return response;
        };
      },
    });
    await provide(checked);
  },
});

export { expect };
