import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WatchlistReason } from '../../domain/contracts/alert.ts';
import { CountryCode, PartialDateText } from '../../domain/contracts/common.ts';
import { ListName, WatchlistAction, WatchlistCategory } from '../../domain/contracts/watchlist.ts';
import { countByKind } from '../../ingest/watchlist-jsonl.ts';
import { replaceStoredList } from '../../screening/list-upload.ts';
import { PaxError } from '../../errors.ts';
import { principalOf } from '../auth.ts';
import { OFFICERS, SUPERVISORS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { sha256Hex } from '../credentials.ts';

const LIST_TYPES = ['application/x-ndjson', 'application/jsonl', 'text/csv'];

/** The index in force and what each source gave (`WatchlistStatus`). */
const IndexStatus = z
  .object({
    ready: z.boolean(),
    building: z.boolean(),
    entries: z.number(),
    version: z.string().nullable(),
    builtAt: z.string().nullable(),
    buildMs: z.number().nullable(),
    lists: z.array(
      z.object({
        source: z.string(),
        entries: z.number(),
        records: z.number(),
        skippedCount: z.number(),
        skippedByKind: z.record(z.string(), z.number()),
        skipped: z.array(z.object({ line: z.number(), reason: z.string() })),
        error: z.string().optional(),
      }),
    ),
    lastError: z.string().nullable(),
    refused: z.array(z.string()),
    refusals: z.number(),
  })
  .meta({ id: 'WatchlistIndexStatus' });
const StoredList = z.object({
  name: z.string(),
  version: z.number(),
  entries: z.number(),
  source: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
});

export async function watchlistRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(LIST_TYPES, { parseAs: 'string', bodyLimit: ctx.config.maxListBytes }, (_req, body, done) =>
    done(null, body),
  );

  api.get(
    '/v1/watchlists',
    {
      config: { roles: SUPERVISORS, audit: false },
      schema: {
        tags: ['supervisors'],
        summary: 'Lists in force and the index status',
        security: [{ bearer: [] }],
        response: {
          200: z.object({ index: IndexStatus, stored: z.array(StoredList) }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async () => ({ index: ctx.watchlists.status(), stored: await ctx.store.listWatchlists() }),
  );

  api.post(
    '/v1/watchlists/reload',
    {
      config: { roles: SUPERVISORS, audit: 'watchlists.reload' },
      schema: {
        tags: ['supervisors'],
        summary: 'Re-read the configured list files and stored lists, rebuild the index',
        description:
          'A load that would skip or lose too many entries is refused (422) and the list in force keeps serving; `force=true` overrides the limits and is audited.',
        security: [{ bearer: [] }],
        querystring: z.object({ force: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({ index: IndexStatus }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const force = request.query.force === 'true';
      const status = await ctx.watchlists.reload(`requested by ${p.id}`, { force });
      await request.audit(status.version ?? '(none)', force ? { action: 'watchlists.reload.forced' } : {});
      if (status.refused.length > 0)
        throw new PaxError(
          'LIST_REFUSED',
          undefined,
          status.refused.slice(0, 50).map((r) => ({ path: 'watchlists', message: r })),
        );
      return { index: status };
    },
  );

  api.get(
    '/v1/watchlists/search',
    {
      config: { roles: OFFICERS, audit: 'watchlists.search' },
      schema: {
        tags: ['officers'],
        summary: 'Search the lists in force: ranked candidates with scores and explanations',
        security: [{ bearer: [] }],
        querystring: z.object({
          surname: z.string().trim().min(1).max(200),
          givenNames: z.string().trim().max(200).default(''),
          dateOfBirth: PartialDateText.optional(),
          nationality: CountryCode.optional(),
          documentNumber: z.string().trim().max(40).optional(),
          minScore: z.coerce.number().min(0).max(100).default(50),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({ items: z.array(WatchlistReason) }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const watchlist = ctx.watchlists.current();
      if (!watchlist) throw new PaxError('NOT_READY', 'Watch-lists are still loading; retry shortly');
      const q = request.query;
      const result = await ctx.pool.runSearch({
        kind: 'search',
        watchlist,
        subject: {
          surname: q.surname,
          givenNames: q.givenNames,
          dateOfBirth: q.dateOfBirth ?? null,
          nationality: q.nationality ?? null,
          documents: q.documentNumber ? [{ number: q.documentNumber }] : [],
        },
        threshold: q.minScore,
        limit: q.limit,
      });
      // The audit records who searched, the terms hashed (an auditor can check whether a given name
      // was searched, without the log holding names), and which entries came back.
      const terms = sha256Hex(
        [q.surname, q.givenNames, q.dateOfBirth ?? '', q.documentNumber ?? ''].join('|').toUpperCase(),
      ).slice(0, 16);
      await request.audit(`terms=${terms} ${result.reasons.map((r) => r.entryId).join(',') || '(no result)'}`);
      return { items: result.reasons };
    },
  );

  api.post(
    '/v1/watchlists/:name',
    {
      config: { roles: SUPERVISORS, audit: { action: 'watchlist.replace', by: 'store' } },
      schema: {
        tags: ['supervisors'],
        summary: 'Replace a stored watch-list with an upload (JSON lines or the simple CSV) and rebuild the index',
        description:
          'Content-Type application/x-ndjson (native entries, one per line) or text/csv (firstname,lastname,middlename,dob,documentcountry,documentnumber,documenttype,...). The OFAC SDN trio is imported with the CLI.',
        security: [{ bearer: [] }],
        params: z.object({
          name: ListName,
        }),
        querystring: z.object({
          category: WatchlistCategory.default('wanted'),
          action: WatchlistAction.default('REFER'),
          dateOrder: z.enum(['mdy', 'dmy', 'ymd']).default('mdy'),
          force: z
            .enum(['true', 'false'])
            .default('false')
            .describe('override the skipped-share and shrink limits (audited)'),
        }),
        response: {
          200: z.object({
            list: StoredList,
            imported: z.number(),
            aliases: z.number(),
            skipped: z.array(z.object({ line: z.number(), reason: z.string() })).describe('the first 100'),
            skippedCount: z.number(),
            skippedByKind: z.record(z.string(), z.number()).describe('every skipped record, counted by reason'),
            index: IndexStatus,
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          413: ErrorBodySchema,
          415: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!LIST_TYPES.includes(type))
        throw new PaxError('UNSUPPORTED_MEDIA_TYPE', `Send one of ${LIST_TYPES.join(', ')}`);
      const text = typeof request.body === 'string' ? request.body : '';
      const { name } = request.params;
      // Read in a worker thread: a large upload must not hold the event loop that answers carriers.
      const options = {
        list: name,
        category: request.query.category,
        action: request.query.action,
        ...(request.query.dateOrder ? { dateOrder: request.query.dateOrder } : {}),
      };
      const { result } = await ctx.pool.runParseList({
        kind: 'list',
        format: type === 'text/csv' ? 'simple-csv' : 'jsonl',
        text,
        options,
      });
      const force = request.query.force === 'true';
      const { summary } = await replaceStoredList(
        { store: ctx.store, limits: ctx.config.listLimits },
        { name, read: result, source: `upload (${type})`, actor: p, force },
      );
      const index = await ctx.watchlists.reload(`list ${name} replaced by ${p.id}`, { force });
      return {
        list: summary,
        imported: result.entries.length,
        aliases: result.aliases,
        skipped: result.skipped.slice(0, 100),
        skippedCount: result.skipped.length,
        skippedByKind: countByKind(result.skipped),
        index,
      };
    },
  );
}
