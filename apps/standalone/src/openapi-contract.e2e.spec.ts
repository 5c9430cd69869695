import type { INestApplication } from '@nestjs/common';
import { createApp, unpagedLists } from '@gongkai/platform';
import { isolatedEnv } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }>; headers?: Record<string, unknown> }>;
  'x-bounded'?: string;
};

/**
 * The API contract (issue 16.8) as the standalone serves it at /api/docs-json: every operation has a
 * response schema for its success status, problem+json errors, and a security requirement that says
 * what the server does: each operation is called without a token, and one answered 401 must require
 * the bearer token, one answered otherwise must require nothing.
 */
describe('OpenAPI contract of the standalone', () => {
  let app: INestApplication;
  let url: string;
  let operations: { method: string; path: string; operation: Operation }[];
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv({ PUBLIC_SUBMISSIONS_PER_MINUTE: '1000' })));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    document = (await (await fetch(`${url}/api/docs-json`)).json()) as typeof document;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
  });
  afterAll(() => app.close());

  it('documents more than a hundred operations', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('gives every operation a response schema for its success status', () => {
    const without = operations
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        return success.length === 0 || success.some(([, r]) => !r.content || Object.values(r.content).some((c) => !c.schema));
      })
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(without).toEqual([]);
  });

  it('documents the problem+json errors of every operation, with the shared Problem schema', () => {
    const problem = { $ref: '#/components/schemas/Problem' };
    const missing = operations.flatMap(({ method, path, operation }) => {
      // 401/403 on public operations too: a token sent to one is verified, and refused when it is not valid.
      const expected = ['400', '401', '403', '404', ...(method === 'get' ? [] : ['409', '422'])];
      return expected
        .filter((status) => operation.responses[status]?.content?.['application/problem+json']?.schema?.['$ref'] !== problem.$ref)
        .map((status) => `${method.toUpperCase()} ${path} ${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('pages every list: a GET answering an array declares page, pageSize and X-Total-Count, or says why it is bounded', () => {
    expect(unpagedLists(document)).toEqual([]);
    // The lists of the issue are among the paged ones (the check above is not vacuous).
    const paged = operations.filter(({ operation }) => operation.responses['200']?.headers?.['X-Total-Count']).map(({ path }) => path);
    expect(paged).toEqual(
      expect.arrayContaining([
        '/api/requests',
        '/api/document-attributes/documents',
        '/api/catalogue/units/{unitId}/items',
        '/api/interpretation/consultations',
      ]),
    );
  });

  it('answers a page, not the whole list, on every public paged list: pageSize=1 gives at most one row and X-Total-Count', async () => {
    const publicPaged = operations.filter(
      ({ method, path, operation }) =>
        method === 'get' &&
        !path.includes('{') &&
        (operation.security ?? []).length === 0 &&
        operation.responses['200']?.headers?.['X-Total-Count'],
    );
    expect(publicPaged.length).toBeGreaterThan(3);
    for (const { path } of publicPaged) {
      const response = await fetch(`${url}${path}?page=1&pageSize=1`);
      const body = (await response.json()) as unknown;
      const rows = Array.isArray(body) ? body : (body as { documents: unknown[] }).documents;
      expect([path, response.status, rows.length <= 1, Number.isInteger(Number(response.headers.get('x-total-count')))]).toEqual([
        path,
        200,
        true,
        true,
      ]);
    }
  });

  it('states the security each operation really has: 401 without a token exactly where a bearer token is required', async () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operations) {
      const target = `${url}${path.replace(/\{[^}]+\}/g, 'contract-probe')}`;
      const response = await fetch(target, {
        method: method.toUpperCase(),
        headers: method === 'get' ? {} : { 'content-type': 'application/json' },
        body: method === 'get' ? undefined : '{}',
      });
      await response.arrayBuffer();
      const requiresToken = (operation.security ?? []).some((requirement) => 'bearer' in requirement);
      if ((response.status === 401) !== requiresToken)
        wrong.push(`${method.toUpperCase()} ${path}: ${response.status}, documented ${requiresToken}`);
      if (operation.security === undefined) wrong.push(`${method.toUpperCase()} ${path}: no security stated`);
    }
    expect(wrong).toEqual([]);
  });
});
