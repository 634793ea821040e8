import { createHash } from 'node:crypto';
import { nameProblem } from '../../domain/names/usable.ts';
import type { ManifestInput, TravellerInput } from '../../domain/contracts/manifest.ts';
import { airport } from './airports.ts';
import type { Draft, Leg } from './fields.ts';
import { chooseLeg, kindOf, parseDate, parseDateTime } from './fields.ts';
import type { Segment } from './tokenizer.ts';
import { EdifactLimitError, tokenize } from './tokenizer.ts';

export interface PaxlstWarning {
  segment: number;
  tag: string;
  reason: string;
}

export interface PaxlstResult {
  manifest: ManifestInput;
  warnings: PaxlstWarning[];
  sender: string | null;
  version: string | null;
  /** UNH status of transfer: part number and whether this is the last part. */
  part: { sequence: string; last: boolean } | null;
}

export class PaxlstUnusable extends Error {
  readonly warnings: PaxlstWarning[];
  constructor(reason: string, warnings: PaxlstWarning[]) {
    super(reason);
    this.name = 'PaxlstUnusable';
    this.warnings = warnings;
  }
}

/** Segments read and deliberately not used by screening: no warning for these. */
const KNOWN_UNUSED = new Set([
  'UNG',
  'UNE',
  'UNZ',
  'NAD',
  'COM',
  'MEA',
  'GEI',
  'FTX',
  'EMP',
  'CTA',
  'QTY',
  'GIS',
  'FII',
  'TSR',
  'ERC',
  'EQN',
]);
const UNKNOWN_COUNTRY = 'XXX';

const c = (s: Segment, e: number, k = 0): string => (s.elements[e]?.[k] ?? '').trim();

/** Maps a PAXLST interchange (one or more messages) to the native manifest, with warnings. */
export function parsePaxlst(text: string): PaxlstResult {
  let segments: Segment[];
  try {
    ({ segments } = tokenize(text));
  } catch (e) {
    if (e instanceof EdifactLimitError) throw new PaxlstUnusable(e.message, []);
    throw e;
  }
  const warnings: PaxlstWarning[] = [];
  const warnAt = (s: Segment) => (reason: string) => warnings.push({ segment: s.index, tag: s.tag, reason });
  let sender: string | null = null;
  let interchange: string | null = null;
  let version: string | null = null;
  let unhRef: string | null = null;
  let transaction: string | null = null;
  let docCode = '745';
  let kind: ManifestInput['kind'] = 'new';
  let part: PaxlstResult['part'] = null;
  let unhAt = 0;
  const legs: Leg[] = [];
  const drafts: Draft[] = [];
  let lastLoc: { port: string; qualifier: string } | null = null;
  let declaredCount: number | null = null;

  for (const s of segments) {
    const warn = warnAt(s);
    const t = drafts[drafts.length - 1];
    switch (s.tag) {
      case 'UNB':
        sender = c(s, 2) || null;
        interchange = c(s, 5) || null;
        break;
      case 'UNH': {
        unhRef = c(s, 1) || unhRef;
        unhAt = s.index;
        if (c(s, 2, 0).toUpperCase() !== 'PAXLST') warn(`message type "${c(s, 2, 0)}" is not PAXLST`);
        version = `${c(s, 2, 1)}${c(s, 2, 2)}`.toUpperCase() || version;
        if (s.elements[4]) part = { sequence: c(s, 4, 0), last: c(s, 4, 1).toUpperCase() === 'F' };
        break;
      }
      case 'BGM':
        docCode = c(s, 1) || docCode;
        kind = kindOf(docCode, c(s, 2), warn);
        break;
      case 'RFF': {
        const q = c(s, 1, 0).toUpperCase();
        const v = c(s, 1, 1);
        if (!t) {
          if (q === 'TN') transaction = v;
          break;
        }
        if (q === 'AVF') t.bookingRef = v || null;
        else if (q === 'ABO') t.ref = v || null;
        else if (q === 'SEA') t.seat = v || null;
        break;
      }
      case 'TDT':
        legs.push({
          flight: c(s, 2).toUpperCase(),
          carrier: c(s, 5).toUpperCase() || null,
          departure: null,
          arrival: null,
          route: [],
          international: false,
        });
        lastLoc = null;
        break;
      case 'LOC': {
        const q = c(s, 1);
        const port = c(s, 2).toUpperCase();
        if (t) {
          if (q === '178') t.embark = port;
          else if (q === '179') t.disembark = port;
          else if (q === '91') {
            const d = t.documents[t.documents.length - 1];
            if (d) d.issuingCountry = /^[A-Z]{3}$/.test(port) ? port : null;
            else warn('issuing country before any document');
          }
          break;
        }
        const leg = legs[legs.length - 1];
        if (!leg) {
          warn('place before any transport segment (TDT)');
          break;
        }
        if (q === '125') {
          leg.departure = { port, time: null };
          leg.international = true;
        } else if (q === '87') {
          leg.arrival = { port, time: null };
          leg.international = true;
        } else if (q === '92') leg.route.push({ port, time: null, qualifier: q });
        else warn(`place qualifier ${q} is not used for the journey`);
        lastLoc = { port, qualifier: q };
        break;
      }
      case 'DTM': {
        const q = c(s, 1, 0);
        const v = c(s, 1, 1);
        if (t) {
          const travel = chooseLeg(legs)?.departure?.time ?? null;
          if (q === '329') {
            t.dobRaw = v;
            t.dob = parseDate(v, travel, 'birth');
            if (!t.dob) warn(`date of birth "${v}" is not a date: left unknown`);
          } else if (q === '36' || q === '182') {
            const d = t.documents[t.documents.length - 1];
            const date = parseDate(v, travel, 'expiry');
            if (!d) warn('document date before any document');
            else if (!date) warn(`document date "${v}" is not a date`);
            else if (q === '36') d.expiry = date;
            else d.issued = date;
          }
          break;
        }
        const leg = legs[legs.length - 1];
        if (!leg || !lastLoc) {
          warn('date-time outside a journey leg');
          break;
        }
        const time = parseDateTime(v, warn, lastLoc.port);
        if (lastLoc.qualifier === '92') {
          const r = leg.route[leg.route.length - 1];
          if (r) r.time = time;
        } else if (q === '189' && leg.departure) leg.departure.time = time;
        else if (q === '232' && leg.arrival) leg.arrival.time = time;
        break;
      }
      case 'NAD': {
        const q = c(s, 1).toUpperCase();
        if (q === 'MS' || q === 'CT') break;
        const role = q === 'FM' || q === 'DDU' ? 'crew' : 'passenger';
        if (!['FL', 'FM', 'DDT', 'DDU', 'COT', 'CPE'].includes(q)) warn(`party qualifier ${q} read as a passenger`);
        const name = s.elements[4] ?? [];
        const surname = (name[0] ?? '').trim();
        const given = name
          .slice(1)
          .map((x) => x.trim())
          .filter(Boolean)
          .join(' ');
        if (!surname) warn('traveller without a surname');
        else if (nameProblem(surname, given) === 'no-usable-token')
          warn(
            'the name has no usable letter or digit: the traveller cannot be matched by name and gets CONTACT_AUTHORITY',
          );
        drafts.push({
          segment: s.index,
          role,
          surname,
          given,
          sex: null,
          dob: null,
          dobRaw: null,
          nationality: null,
          bookingRef: null,
          ref: null,
          seat: null,
          embark: null,
          disembark: null,
          documents: [],
        });
        break;
      }
      case 'ATT': {
        if (!t) break;
        const v = c(s, 3).toUpperCase();
        t.sex = v === 'M' || v === 'F' || v === 'X' ? v : null;
        break;
      }
      case 'NAT':
        if (t) t.nationality = /^[A-Z]{3}$/.test(c(s, 2).toUpperCase()) ? c(s, 2).toUpperCase() : null;
        break;
      case 'DOC':
        if (t)
          t.documents.push({
            type: c(s, 1).toUpperCase() || 'P',
            number: c(s, 2),
            issuingCountry: null,
            expiry: null,
            issued: null,
          });
        break;
      case 'CNT':
        if (c(s, 1, 0) === '42') declaredCount = Number(c(s, 1, 1));
        break;
      case 'UNT': {
        const declared = Number(c(s, 1));
        const counted = s.index - unhAt + 1;
        if (declared !== counted) warn(`UNT declares ${declared} segments; the message has ${counted}`);
        break;
      }
      default:
        if (!/^[A-Z]{3}$/.test(s.tag)) warn('not a segment: ignored');
        else if (!KNOWN_UNUSED.has(s.tag)) warn('segment not used by screening');
    }
  }

  if (declaredCount !== null && declaredCount !== drafts.length) {
    warnings.push({
      segment: 0,
      tag: 'CNT',
      reason: `CNT+42 declares ${declaredCount} travellers; the message lists ${drafts.length}`,
    });
  }
  const leg = chooseLeg(legs);
  if (!leg) throw new PaxlstUnusable('no journey: the message has no TDT segment', warnings);
  if (drafts.length === 0 && kind !== 'cancel')
    throw new PaxlstUnusable('no travellers: the message has no NAD+FL or NAD+FM segment', warnings);
  if (legs.length > 1)
    warnings.push({
      segment: 0,
      tag: 'TDT',
      reason: `${legs.length} legs: screened as ${leg.flight} (the leg crossing the border, or the last)`,
    });

  const dep = leg.departure ?? (leg.route[0] ? { port: leg.route[0].port, time: leg.route[0].time } : null);
  const arr =
    leg.arrival ??
    (leg.route.length > 1
      ? {
          port: (leg.route[leg.route.length - 1] as Leg['route'][number]).port,
          time: (leg.route[leg.route.length - 1] as Leg['route'][number]).time,
        }
      : null);
  if (!dep || !arr)
    throw new PaxlstUnusable(`no journey: leg ${leg.flight} has no departure and arrival places`, warnings);
  const place = (p: { port: string; time: Date | null }, what: string) => {
    const info = airport(p.port);
    if (!info?.country)
      warnings.push({
        segment: 0,
        tag: 'LOC',
        reason: `country of ${p.port} is not known: recorded as ${UNKNOWN_COUNTRY}`,
      });
    if (!p.time) warnings.push({ segment: 0, tag: 'DTM', reason: `no ${what} time for ${p.port}` });
    return {
      port: p.port,
      country: info?.country ?? UNKNOWN_COUNTRY,
      scheduled: (p.time ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  };
  const departure = place(dep, 'departure');
  const arrival = place(arr, 'arrival');
  if (!dep.time && arr.time) departure.scheduled = arrival.scheduled;
  if (!arr.time && dep.time) arrival.scheduled = departure.scheduled;
  if (Date.parse(arrival.scheduled) < Date.parse(departure.scheduled)) {
    warnings.push({
      segment: 0,
      tag: 'DTM',
      reason: `arrival ${arrival.scheduled} is before departure ${departure.scheduled} once local times are made UTC: arrival taken as the departure time`,
    });
    arrival.scheduled = departure.scheduled;
  }
  const carrier = (leg.carrier ?? leg.flight.slice(0, 2)).toUpperCase();

  const seen = new Set<string>();
  const travellers: TravellerInput[] = drafts.map((d) => {
    // A stable reference across changes: the carrier's, else the document, else name and birth date.
    let ref =
      d.ref ??
      (d.documents[0]?.number
        ? `DOC-${d.documents[0].number}`
        : `N-${createHash('sha256')
            .update(`${d.surname}|${d.given}|${d.dobRaw ?? ''}`)
            .digest('hex')
            .slice(0, 12)}`);
    if (seen.has(ref)) {
      warnings.push({ segment: d.segment, tag: 'NAD', reason: `traveller reference ${ref} repeats: made unique` });
      ref = `${ref}-${d.segment}`;
    }
    seen.add(ref);
    const documents = d.documents
      .filter((doc) => doc.number)
      .map((doc) => {
        const issuingCountry = doc.issuingCountry ?? d.nationality;
        if (!doc.issuingCountry)
          warnings.push({
            segment: d.segment,
            tag: 'DOC',
            reason: `document without LOC+91 issuing country: ${issuingCountry ? 'nationality used' : `recorded as ${UNKNOWN_COUNTRY}`}`,
          });
        return {
          type: doc.type,
          number: doc.number,
          issuingCountry: issuingCountry ?? UNKNOWN_COUNTRY,
          ...(doc.expiry ? { expiry: doc.expiry } : {}),
          ...(doc.issued ? { issued: doc.issued } : {}),
        };
      });
    const transit = Boolean((d.embark && d.embark !== departure.port) || (d.disembark && d.disembark !== arrival.port));
    return {
      ref,
      role: d.role,
      surname: d.surname || '-',
      givenNames: d.given,
      sex: d.sex,
      dateOfBirth: d.dob,
      nationality: d.nationality,
      documents,
      ...(d.bookingRef
        ? {
            booking: {
              ref: d.bookingRef,
              bookedAt: departure.scheduled,
              payment: 'other' as const,
              ticket: 'return' as const,
            },
          }
        : {}),
      ...(d.seat ? { seat: d.seat } : {}),
      ...(transit ? { transit } : {}),
    };
  });
  const messageRef = transaction ?? [interchange, unhRef, part?.sequence].filter(Boolean).join('/');
  return {
    manifest: {
      messageRef: messageRef || createHash('sha256').update(text).digest('hex').slice(0, 24),
      kind,
      journey: { mode: 'air', carrier, serviceNumber: leg.flight || carrier, departure, arrival },
      travellers,
    },
    warnings,
    sender,
    version,
    part,
  };
}

export { parseDate } from './fields.ts';
