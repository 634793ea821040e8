import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { localTime } from '../../domain/time/local-time.ts';
import type { AuditEvent, AuditQuery, Store, TargetDescription } from '../../store/store.ts';
import { AUDITORS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Rows one CSV export holds at most; the export says so in its last line when it stopped. */
const EXPORT_LIMIT = 50_000;

const Filters = z.object({
  principal: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  target: z.string().min(3).max(80).optional().describe('an alert or journey id the row names'),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  principal: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  purpose: z.string().optional(),
  targetWords: z
    .string()
    .describe('the alerts and journeys the row names, in words (the traveller, the service, the arrival)'),
});

/** Arrival times in the audit log are in UTC: one log spans every port. */
function words(d: TargetDescription): string {
  const when = localTime(d.arrivalScheduled, null);
  const service = `${d.carrier} ${d.serviceNumber} arriving ${when}`;
  if (d.kind === 'journey') return `journey ${service}`;
  return d.traveller
    ? `${d.traveller.surname}, ${d.traveller.givenNames} (${service})`
    : `a traveller whose data was removed by retention (${service})`;
}

async function withWords(store: Store, rows: Array<AuditEvent & { id: number }>) {
  const ids = rows.flatMap((r) => r.target.match(UUID) ?? []);
  const described = await store.describeTargets(ids.slice(0, 5_000));
  return rows.map((r) => {
    const named = [...new Set(r.target.match(UUID) ?? [])]
      .map((id) => described.get(id))
      .filter((d): d is TargetDescription => d !== undefined);
    const shown = named.slice(0, 5).map(words);
    return {
      ...r,
      targetWords:
        shown.length === 0 ? '' : `${shown.join('; ')}${named.length > 5 ? `; and ${named.length - 5} more` : ''}`,
    };
  });
}

/** Auditors read who saw and decided what, page by page, and take it away as CSV (that export is itself audited). */
export async function auditLogRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/audit',
    {
      config: { roles: AUDITORS, audit: false },
      schema: {
        tags: ['auditors'],
        summary: 'The audit log, newest first: who viewed, decided or changed what',
        security: [{ bearer: [] }],
        querystring: Filters.extend({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(AuditRow), nextCursor: z.string().nullable() }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const page = await ctx.store.listAudit({ ...request.query });
      return { items: await withWords(ctx.store, page.items), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/v1/audit/export',
    {
      config: { roles: AUDITORS, audit: 'audit.export' },
      schema: {
        tags: ['auditors'],
        summary: 'The audit log as CSV (text/csv), with the same filters, newest first',
        security: [{ bearer: [] }],
        querystring: Filters,
        produces: ['text/csv'],
        response: {
          200: z.string().describe('CSV: id, at, principal, role, action, target, purpose, target in words'),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const rows: Array<z.infer<typeof AuditRow>> = [];
      let cursor: string | undefined;
      do {
        const q: AuditQuery = { ...request.query, limit: 500, ...(cursor ? { cursor } : {}) };
        const page = await ctx.store.listAudit(q);
        rows.push(...(await withWords(ctx.store, page.items)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const filters =
        Object.entries(request.query)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ') || 'none';
      await request.audit(`rows=${rows.length} filters: ${filters}`);
      const body = stringify([
        ['id', 'at', 'principal', 'role', 'action', 'target', 'purpose', 'target in words'],
        ...rows.map((r) => [r.id, r.at, r.principal, r.role, r.action, r.target, r.purpose ?? '', r.targetWords]),
        ...(cursor ? [[`stopped after ${EXPORT_LIMIT} rows: narrow the period to export the rest`]] : []),
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="paxscreen-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        )
        .send(body);
    },
  );
}
