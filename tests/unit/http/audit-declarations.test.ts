import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAudit } from '../../../src/http/audit.ts';
import { errorHandler } from '../../../src/http/error-handler.ts';
import type { AuditEvent, Store } from '../../../src/store/store.ts';

/** A bare app with the audit declarations and a store that only records audit rows. */
function appWithAudit() {
  const rows: AuditEvent[] = [];
  const store = { appendAudit: async (r: AuditEvent) => void rows.push(r) } as unknown as Store;
  const app = Fastify();
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    request.principal = { id: 'demo-officer', role: 'officer', carrier: null };
  });
  registerAudit(app, store);
  return { app, rows };
}

describe('auditing declared beside roles', () => {
  let app: FastifyInstance | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('a route with roles and no audit declaration cannot be registered', () => {
    ({ app } = appWithAudit());
    expect(() => app!.get('/x', { config: { roles: ['officer'] } }, async () => ({}))).toThrow(/how it is audited/);
  });

  it('request.audit writes the declared action for the principal', async () => {
    const t = appWithAudit();
    app = t.app;
    app.get('/x/:id', { config: { roles: ['officer'], audit: 'thing.view' } }, async (request) => {
      await request.audit((request.params as { id: string }).id);
      return { ok: true };
    });
    const res = await app.inject({ url: '/x/42' });
    expect(res.statusCode).toBe(200);
    expect(t.rows).toMatchObject([{ principal: 'demo-officer', role: 'officer', action: 'thing.view', target: '42' }]);
  });

  it('a route declared as audited that answers 2xx without writing its row answers 500 instead', async () => {
    const t = appWithAudit();
    app = t.app;
    app.get('/forgot', { config: { roles: ['officer'], audit: 'thing.view' } }, async () => ({ secret: 'data' }));
    app.get('/forgot-text', { config: { roles: ['officer'], audit: 'thing.export' } }, async (_r, reply) =>
      reply.type('text/csv').send('a,b\n'),
    );
    for (const url of ['/forgot', '/forgot-text']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret');
      expect(res.body).not.toContain('a,b');
    }
    expect(t.rows).toEqual([]);
  });

  it('a polled view is recorded once per window and key', async () => {
    const t = appWithAudit();
    app = t.app;
    app.get('/q', { config: { roles: ['officer'], audit: 'queue.search' } }, async (request) => {
      await request.audit(`results ${Math.random()}`, { onceWithinMs: 60_000, onceKey: 'terms' });
      return {};
    });
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/q' })).statusCode).toBe(200);
    expect(t.rows).toHaveLength(1);
  });

  it('every role-guarded route of the service declares how it is audited', async () => {
    const { startTestApp } = await import('../../helpers/test-app.ts');
    const t = await startTestApp();
    try {
      const undeclared = t.app.accessTable.filter((r) => r.roles && r.audit === null);
      expect(undeclared).toEqual([]);
      expect(t.app.accessTable.filter((r) => r.roles).length).toBeGreaterThan(20);
    } finally {
      await t.close();
    }
  });
});
