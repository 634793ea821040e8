import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AlertPriority,
  AlertStatus,
  JourneySummary,
  Outcome,
  TravellerSummary,
  travellerSummary,
} from '../../domain/contracts/alert.ts';
import { PaxError } from '../../errors.ts';
import { JourneyTimes, journeyTimes } from '../../screening/alert-view.ts';
import { searchTravellers } from '../../screening/traveller-search.ts';
import type { JourneyTraveller } from '../../store/store.ts';
import { principalOf } from '../auth.ts';
import { OFFICERS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { sha256Hex } from '../credentials.ts';
import { ErrorBodySchema } from '../schemas.ts';

/** Travellers a search walks at most (latest arrivals first); it says when it stopped short. */
const SEARCH_SCAN_LIMIT = 200_000;

const JourneyView = JourneySummary.extend({ times: JourneyTimes });

const TravellerRow = TravellerSummary.extend({
  ref: z.string(),
  role: z.string(),
  directive: z.string().nullable().describe('what the carrier was told for this traveller'),
  complete: z.boolean(),
  alert: z
    .object({
      id: z.string(),
      status: AlertStatus,
      priority: AlertPriority,
      score: z.number(),
      outcome: Outcome.nullable(),
    })
    .nullable(),
});

function journeyView(r: Pick<JourneyTraveller, 'journeyId' | 'journey'>) {
  const j = r.journey;
  return {
    id: r.journeyId,
    mode: j.mode,
    carrier: j.carrier,
    serviceNumber: j.serviceNumber,
    departure: j.departure,
    arrival: j.arrival,
    times: journeyTimes(j),
  };
}

function travellerRow(r: JourneyTraveller, supervisor: boolean): z.infer<typeof TravellerRow> {
  const t = r.traveller;
  // Suppressed records are for supervisors; an officer sees the traveller without it.
  const alert = r.alert && (r.alert.status !== 'suppressed' || supervisor) ? r.alert : null;
  return { ...travellerSummary(t), ref: t.ref, role: t.role, directive: r.directive, complete: r.complete, alert };
}

/** Officers look across a journey and search its travellers; every look is audited. */
export async function journeyRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/journeys/:id',
    {
      config: { roles: OFFICERS, audit: 'journey.view' },
      schema: {
        tags: ['officers'],
        summary: 'Every traveller on a journey (or on one booking of it), with directives and alerts',
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(80) }),
        querystring: z.object({ booking: z.string().max(40).optional() }),
        response: {
          200: z.object({ journey: JourneyView, booking: z.string().nullable(), travellers: z.array(TravellerRow) }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const found = await ctx.store.journeyTravellers(request.params.id);
      if (!found) throw new PaxError('NOT_FOUND', 'No such journey');
      const booking = request.query.booking?.trim().toUpperCase() || null;
      const rows = found.travellers.filter(
        (r) => !booking || (r.traveller.booking?.ref ?? '').toUpperCase() === booking,
      );
      if (booking)
        await request.audit(`${found.journeyId} booking=${sha256Hex(booking).slice(0, 16)}`, {
          action: 'booking.view',
        });
      else await request.audit(found.journeyId);
      return {
        journey: journeyView(found),
        booking,
        travellers: rows.map((r) => travellerRow(r, principal.role === 'supervisor')),
      };
    },
  );

  api.get(
    '/v1/travellers/search',
    {
      config: { roles: OFFICERS, audit: 'travellers.search' },
      schema: {
        tags: ['officers'],
        summary: 'Find travellers of journeys in the retention window by name (fuzzy), document, booking or service',
        description:
          'Terms combine. The name is matched with the screening matcher; results are ranked by how well the name matched. Audited with the terms hashed.',
        security: [{ bearer: [] }],
        querystring: z
          .object({
            name: z.string().trim().min(2).max(200).optional(),
            document: z.string().trim().min(2).max(80).optional(),
            booking: z.string().trim().min(2).max(40).optional(),
            service: z.string().trim().min(2).max(16).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .refine((q) => Boolean(q.name || q.document || q.booking || q.service), {
            message: 'give a name, a document, a booking or a service',
            path: ['name'],
          }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ journey: JourneyView, traveller: TravellerRow, nameScore: z.number().nullable() }),
            ),
            scanned: z.number().describe('travellers walked'),
            truncated: z.boolean().describe('true when the window held more travellers than one search walks'),
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, ...terms } = request.query;
      const arrivingAfter = new Date(Date.now() - ctx.config.retentionDays * 86_400_000).toISOString();
      const found = await searchTravellers(ctx.store, terms, { arrivingAfter, maxScanned: SEARCH_SCAN_LIMIT, limit });
      const hashed = sha256Hex(
        JSON.stringify([terms.name ?? '', terms.document ?? '', terms.booking ?? '', terms.service ?? '']),
      ).slice(0, 16);
      await request.audit(
        `terms=${hashed} results=${found.hits.map((h) => `${h.row.journeyId}/${h.row.traveller.ref}`).join(',') || '(none)'}`,
      );
      const supervisor = principal.role === 'supervisor';
      return {
        items: found.hits.map((h) => ({
          journey: journeyView(h.row),
          traveller: travellerRow(h.row, supervisor),
          nameScore: h.nameScore,
        })),
        scanned: found.scanned,
        truncated: found.truncated,
      };
    },
  );
}
