import { createHash } from 'node:crypto';
import type { Booking, BookingLeg, BookingPush, BookingTraveller } from '../../domain/contracts/booking.ts';
import type { Segment } from '../paxlst/tokenizer.ts';
import { EdifactLimitError, tokenize } from '../paxlst/tokenizer.ts';
import { isSensitiveCode, mentionsSensitive } from './sensitive.ts';
import {
  addUnique,
  applyDocs,
  c,
  contactsFrom,
  dateTime,
  digits,
  givenWithoutTitle,
  isInfantDocs,
  leg,
} from './fields.ts';

export interface PnrgovWarning {
  segment: number;
  tag: string;
  reason: string;
}

export interface PnrgovResult {
  push: BookingPush;
  warnings: PnrgovWarning[];
  sender: string | null;
  version: string | null;
  /** Service requests and free-text lines dropped because the law forbids processing them. */
  droppedSensitive: number;
}

/** A message that cannot be read as PNRGOV at all (400, naming the segment). */
export class PnrgovUnusable extends Error {
  readonly segment: number;
  readonly tag: string;
  constructor(reason: string, segment = 0, tag = '') {
    super(reason);
    this.name = 'PnrgovUnusable';
    this.segment = segment;
    this.tag = tag;
  }
}

/** Read and deliberately not kept: fares, taxes, seats, bags, check-in, history (LTS may hold anything). */
const IGNORED = new Set([
  'UNB',
  'UNG',
  'UNE',
  'UNZ',
  'EQN',
  'SRC',
  'EBD',
  'FTI',
  'REF',
  'FAR',
  'MON',
  'PTK',
  'TXD',
  'APD',
  'TRI',
  'SSD',
  'TBD',
  'LTS',
  'SAC',
  'ABI',
  'MSG',
  'DAT',
]);
interface Draft {
  booking: Booking;
  travellers: Map<string, BookingTraveller>;
  lastTraveller: BookingTraveller | null;
  lastAdultWithInfant: string | null;
  /** After ABI the booking's history follows (cancelled segments, old names): not the booking as it stands. */
  inHistory: boolean;
  /** Infants' DOCS by the adult they were filed under, applied when the infant's TIF is known. */
  infantDocs: Map<string, string[]>;
}

function newDraft(carrier: string): Draft {
  return {
    booking: {
      carrier,
      recordLocator: '',
      createdAt: null,
      lastChangedAt: null,
      itinerary: [],
      ticket: 'unknown',
      travellers: [],
      payment: { kind: 'unknown', cardIssuer: null, cardLast4: null },
      agency: null,
      contacts: { phones: [], emails: [] },
      partySize: null,
      tickets: [],
      freeText: [],
    },
    travellers: new Map(),
    lastTraveller: null,
    lastAdultWithInfant: null,
    inHistory: false,
    infantDocs: new Map(),
  };
}

/**
 * Reads a PNRGOV interchange (IATA PNRGOV 10.1 to 19.1; one or more messages) into the bookings it
 * pushes. Tolerant like the PAXLST reader: unknown segments and wrong counts are warnings; only a
 * message that is not PNRGOV, or that ends before its UNT (truncated), is refused.
 */
export function parsePnrgov(text: string, now = Date.now()): PnrgovResult {
  let segments: Segment[];
  let notes: string[];
  try {
    ({ segments, notes } = tokenize(text));
  } catch (e) {
    if (e instanceof EdifactLimitError) throw new PnrgovUnusable(e.message);
    throw e;
  }
  const warnings: PnrgovWarning[] = notes.map((reason) => ({ segment: 0, tag: 'UNA', reason }));
  const warn = (s: Segment, reason: string) => warnings.push({ segment: s.index, tag: s.tag, reason });
  let sender: string | null = null;
  let version: string | null = null;
  let messageRef: string | null = null;
  let interchange: string | null = null;
  let fn: BookingPush['function'] = 'push';
  let flight: BookingLeg | null = null;
  let dropped = 0;
  const bookings: Booking[] = [];
  let draft: Draft | null = null;
  let inMessage = false;
  let counted = 0;
  let sawMessage = false;

  const finish = () => {
    if (!draft) return;
    const b = draft.booking;
    b.travellers = [...draft.travellers.values()];
    for (const t of b.travellers)
      if (t.type === 'infant' && t.withAdult)
        for (const d of draft.infantDocs.get(t.withAdult) ?? []) applyDocs(d, t, now);
    const legs = b.itinerary;
    b.ticket =
      legs.length === 0
        ? 'unknown'
        : legs.length > 1 && legs[legs.length - 1]?.to === legs[0]?.from
          ? 'return'
          : 'one-way';
    if (!b.recordLocator)
      b.recordLocator = `UNNAMED-${createHash('sha256').update(JSON.stringify(b.travellers)).digest('hex').slice(0, 10)}`;
    bookings.push(b);
    draft = null;
  };

  for (const s of segments) {
    if (inMessage) counted++;
    if (s.tag === 'ABI' && draft) draft.inHistory = true;
    if (draft?.inHistory && s.tag !== 'SRC' && s.tag !== 'UNT' && s.tag !== 'UNZ') {
      if (s.tag === 'SSR' && isSensitiveCode(c(s, 1, 0))) dropped++;
      continue;
    }
    switch (s.tag) {
      case 'UNB':
        sender = c(s, 2) || null;
        interchange = c(s, 5) || null;
        break;
      case 'UNH':
        if (!/^PNRGOV$/i.test(c(s, 2, 0)))
          throw new PnrgovUnusable(`message type "${c(s, 2, 0)}" is not PNRGOV`, s.index, s.tag);
        version = `${c(s, 2, 1)}.${c(s, 2, 2)}`;
        // Interchange and message references together: senders reuse UNH references across interchanges.
        messageRef ??= [interchange, c(s, 3) || c(s, 1)].filter(Boolean).join('/') || null;
        inMessage = true;
        sawMessage = true;
        counted = 1;
        break;
      case 'UNT': {
        finish();
        if (!inMessage) warn(s, 'UNT without UNH');
        else if (Number(c(s, 1)) !== counted) warn(s, `UNT counts ${c(s, 1)} segments; the message has ${counted}`);
        inMessage = false;
        break;
      }
      case 'MSG': {
        const code = c(s, 1, 1) || c(s, 1, 0);
        fn = code === '22' ? 'push' : code === '141' || code === '8' ? 'update' : 'other';
        break;
      }
      case 'TVL': {
        const l = leg(s);
        if (!l) {
          // A codeshare's operating flight number alone (TVL+++++624:M) belongs to the leg before it.
          if (!c(s, 2) && c(s, 5)) break;
          warn(s, 'a travel segment without airports and carrier (a hotel or car?): skipped');
          break;
        }
        if (draft) {
          if (
            !draft.booking.itinerary.some(
              (x) => x.serviceNumber === l.serviceNumber && x.from === l.from && x.departure === l.departure,
            )
          )
            draft.booking.itinerary.push(l);
        } else flight ??= l;
        break;
      }
      case 'SRC':
        finish();
        draft = newDraft(flight?.carrier ?? sender ?? '');
        break;
      case 'RCI':
        if (draft && !draft.booking.recordLocator) {
          draft.booking.recordLocator = c(s, 1, 1).toUpperCase();
          draft.booking.carrier = c(s, 1, 0).toUpperCase() || draft.booking.carrier;
          draft.booking.createdAt = dateTime(c(s, 1, 3), c(s, 1, 4), null);
        }
        break;
      case 'DAT':
        if (draft)
          for (const e of s.elements.slice(1))
            if (e[0] === '700')
              draft.booking.lastChangedAt = dateTime(e[1] ?? '', e[2] ?? '', null) ?? draft.booking.lastChangedAt;
        break;
      case 'ORG':
        if (draft && !draft.booking.agency)
          draft.booking.agency = { id: c(s, 2, 0) || null, location: c(s, 1, 1) || null };
        break;
      case 'ADD':
        if (draft) {
          const phone = digits(c(s, 2, 7).split(/\s+[A-Z]\s*/)[0] ?? '');
          if (phone.length >= 6) addUnique(draft.booking.contacts.phones, phone);
        }
        break;
      case 'TIF': {
        if (!draft) {
          warn(s, 'a traveller outside any booking (no SRC before it): skipped');
          break;
        }
        const ref = c(s, 2, 2) || String(draft.travellers.size + 1);
        const typeCode = c(s, 2, 1).toUpperCase();
        const type =
          typeCode === 'IN' || typeCode === 'INF'
            ? 'infant'
            : typeCode === 'C' || typeCode === 'CHD' || typeCode === 'CH'
              ? 'child'
              : 'adult';
        const existing = draft.travellers.get(ref);
        // TIF repeats in the check-in part of the message: the first one counts.
        if (existing) {
          draft.lastTraveller = existing;
          break;
        }
        const t: BookingTraveller = {
          ref,
          surname: c(s, 1, 0).toUpperCase(),
          givenNames: givenWithoutTitle(c(s, 2, 0).toUpperCase()),
          type,
          withAdult: type === 'infant' ? draft.lastAdultWithInfant : null,
          dateOfBirth: null,
          nationality: null,
          documents: [],
          address: null,
        };
        if (type === 'adult' && c(s, 2, 3) === '1') draft.lastAdultWithInfant = ref;
        draft.travellers.set(ref, t);
        draft.lastTraveller = t;
        break;
      }
      case 'SSR': {
        const code = c(s, 1, 0).toUpperCase();
        if (isSensitiveCode(code)) {
          dropped++;
          break;
        }
        if (!draft) break;
        const freeText = s.elements[1]?.slice(8).join(':') ?? '';
        const refOf = c(s, 3, 2) || c(s, 2, 2);
        const t = (refOf && draft.travellers.get(refOf)) || draft.lastTraveller;
        if (code === 'DOCS' && t && t.type !== 'infant' && isInfantDocs(freeText))
          draft.infantDocs.set(t.ref, [...(draft.infantDocs.get(t.ref) ?? []), freeText]);
        else if (code === 'DOCS' && t) applyDocs(freeText, t, now);
        else if (code === 'DOCA' && t) t.address = freeText.replace(/\//g, ' ').replace(/\s+/g, ' ').trim() || null;
        else if (code === 'DOCO' && t) {
          const f = freeText.split('/');
          if (f[2])
            t.documents.push({
              type: (f[1] || 'V').toUpperCase(),
              number: (f[2] as string).toUpperCase(),
              issuingCountry: /^[A-Z]{3}$/.test(f[4] ?? '') ? (f[4] as string) : null,
              expiry: null,
            });
        } else if (code.startsWith('CTC')) contactsFrom(`${code} ${freeText}`, draft.booking);
        break;
      }
      case 'IFT': {
        const line = s.elements
          .slice(2)
          .map((e) => e.join(' '))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (!line) break;
        if (mentionsSensitive(line)) {
          dropped++;
          break;
        }
        if (draft) {
          contactsFrom(line, draft.booking);
          if (c(s, 1, 1) === '43') {
            const phone = digits(c(s, 4));
            if (phone.length >= 6) addUnique(draft.booking.contacts.phones, phone);
          }
          if (draft.booking.freeText.length < 50) draft.booking.freeText.push(line.slice(0, 300));
        }
        break;
      }
      case 'FOP':
        if (draft && draft.booking.payment.kind === 'unknown') {
          const type = c(s, 1, 0).toUpperCase();
          const number = c(s, 1, 4).replace(/\s/g, '');
          draft.booking.payment = {
            kind: type === 'CA' ? 'cash' : type === 'CC' || type === 'DC' ? 'card' : type ? 'other' : 'unknown',
            cardIssuer: type === 'CC' || type === 'DC' ? c(s, 1, 3).toUpperCase() || null : null,
            // Never the number: the last four digits identify the card to an officer, no more.
            cardLast4: (type === 'CC' || type === 'DC') && /\d{4}$/.test(number) ? number.slice(-4) : null,
          };
        }
        break;
      case 'TKT':
        if (draft && c(s, 1, 0)) addUnique(draft.booking.tickets, c(s, 1, 0));
        break;
      case 'RPI': {
        const n = Number(c(s, 1));
        if (draft && Number.isInteger(n) && n > 0) draft.booking.partySize = Math.max(draft.booking.partySize ?? 0, n);
        break;
      }
      default:
        if (!IGNORED.has(s.tag)) warn(s, `segment ${s.tag} is not part of PNRGOV as read here: skipped`);
    }
  }
  if (!sawMessage)
    throw new PnrgovUnusable(
      'no UNH+PNRGOV message in the interchange',
      segments[0]?.index ?? 0,
      segments[0]?.tag ?? '',
    );
  if (inMessage) {
    const last = segments[segments.length - 1] as Segment;
    throw new PnrgovUnusable(
      `the message ends at segment ${last.index} (${last.tag}) without UNT: it is incomplete`,
      last.index,
      last.tag,
    );
  }
  finish();
  return {
    push: { messageRef: messageRef ?? 'unnamed', function: fn, flight, bookings },
    warnings,
    sender,
    version,
    droppedSensitive: dropped,
  };
}
