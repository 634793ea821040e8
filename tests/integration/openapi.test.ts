/**
 * The OpenAPI document at /docs/json describes every route: each operation has a typed 2xx
 * response (no "Default Response"), and the error answers it can give are typed too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let doc: {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }> }
    >
  >;
};
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.app.inject({ url: '/docs/json' })).json();
});
afterAll(async () => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
  );

describe('OpenAPI', () => {
  it('lists the routes', () => expect(operations().length).toBeGreaterThan(25));

  it('gives every operation a typed 2xx response, and no "Default Response"', () => {
    const missing = operations().filter(
      ({ op }) =>
        !Object.entries(op.responses ?? {}).some(
          ([code, r]) => /^2\d\d$/.test(code) && Object.values(r.content ?? {}).some((c) => c.schema),
        ),
    );
    expect(missing.map((m) => m.id)).toEqual([]);
    const defaults = operations().filter(({ op }) =>
      Object.values(op.responses ?? {}).some((r) => r.description === 'Default Response'),
    );
    expect(defaults.map((m) => m.id)).toEqual([]);
  });

  it('names the EDIFACT media types where PAXLST and PNRGOV are accepted and CUSRES answered', () => {
    type Op = {
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    const manifests = doc.paths['/v1/manifests']?.post as unknown as Op;
    expect(Object.keys(manifests.requestBody.content)).toContain('application/edifact');
    expect(Object.keys(manifests.responses['200']?.content ?? {})).toContain('application/edifact');
    expect(Object.keys((doc.paths['/v1/bookings']?.post as unknown as Op).requestBody.content)).toContain(
      'application/edifact',
    );
  });

  it('types the refusals of every authenticated operation (401 and 403)', () => {
    const open = new Set([
      'GET /healthz',
      'GET /readyz',
      'GET /metrics',
      'POST /v1/session',
      'GET /v1/session',
      'DELETE /v1/session',
    ]);
    const untyped = operations().filter(
      ({ id, op }) => !open.has(id) && !(op.responses?.['401'] && op.responses?.['403']),
    );
    expect(untyped.map((m) => m.id)).toEqual([]);
  });
});
