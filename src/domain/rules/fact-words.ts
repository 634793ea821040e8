import type { RuleKind } from './rule-schema.ts';
import { calendarDate, localTime } from '../time/local-time.ts';

/**
 * Every fact a rule reports, in the words an officer reads: each rule kind declares the label and
 * the unit of each fact it emits (top level), and the items of its lists share one vocabulary. The
 * officer page shows `describeFacts`'s lines; a fact without a label is a bug caught by the tests.
 */
export type FactFormat = 'text' | 'time' | 'date' | 'number' | 'ref';
export interface FactLabel {
  label: string;
  unit?: string;
  format?: FactFormat;
  /** Coded values in words. */
  values?: Record<string, string>;
}

const L = (label: string, format: FactFormat = 'text', unit?: string): FactLabel => ({
  label,
  format,
  ...(unit ? { unit } : {}),
});

/** Fields of the people and journeys listed inside facts. */
export const ITEM_LABELS: Record<string, FactLabel> = {
  ref: L('Traveller reference', 'ref'),
  surname: L('Surname'),
  givenNames: L('Given names'),
  dateOfBirth: L('Date of birth', 'date'),
  age: L('Age', 'text', 'years'),
  kinship: {
    label: 'Family link',
    format: 'text',
    values: { RELATED: 'plausibly family', UNLIKELY: 'unlikely to be family', UNKNOWN: 'cannot tell from the names' },
  },
  why: L('Why'),
  date: L('Date', 'date'),
  service: L('Service'),
  from: L('From'),
  to: L('To'),
  booking: L('Booking'),
  arrived: L('Arrived'),
  left: L('Left'),
  minorsLeftBehind: L('Minors not on the way out', 'number', 'minors'),
  document: L('Document'),
  earlier: L('Seen earlier as'),
  now: L('Seen now as'),
};

export const RULE_FACT_LABELS: Record<RuleKind, Record<string, FactLabel>> = {
  'minor-with-unrelated-adults': {
    minor: L('Minor'),
    travelDate: L('Travel date', 'date'),
    companionsFrom: L('Adults taken from'),
    adults: L('Adults with the minor'),
  },
  'minor-alone': {
    minor: L('Minor'),
    booking: L('Booking'),
    otherTravellersOnBooking: L('Others on the booking'),
    unaccompaniedMinorService: L('Unaccompanied-minor service'),
  },
  'repeat-escort': {
    adult: L('Adult'),
    windowDays: L('Looked back', 'number', 'days'),
    journeys: L('Journeys'),
    unrelatedMinors: L('Unrelated minors escorted'),
  },
  'repeat-guardian': {
    guardian: L('Declared guardian'),
    windowDays: L('Looked back', 'number', 'days'),
    differentMinors: L('Different minors'),
  },
  'arrive-leave-without': {
    adult: L('Adult'),
    withinDays: L('Left within', 'number', 'days'),
    times: L('Times it happened'),
  },
  'minor-many-adults': {
    minor: L('Minor'),
    windowDays: L('Looked back', 'number', 'days'),
    differentUnrelatedAdults: L('Different unrelated adults'),
  },
  'adults-many-minors': {
    booking: L('Booking'),
    adults: L('Adults'),
    minors: L('Minors'),
    families: L('Families among the minors', 'number', 'families'),
    minorsUnrelatedToTheAdults: L('Minors unrelated to the adults'),
  },
  'repeat-payer': {
    sharedPayerOrContact: L('Shared payer or contact'),
    windowDays: L('Looked back', 'number', 'days'),
    travellers: L('Travellers booked'),
    surnames: L('Families (surnames)', 'number', 'families'),
  },
  'one-way-adult-group': {
    sharedBy: L('Shared payer or contact'),
    adults: L('Adults on one-way tickets'),
    ticket: L('Ticket'),
  },
  'late-cash-booking': {
    booking: L('Booking'),
    bookedAt: L('Booked at', 'time'),
    departure: L('Departure', 'time'),
    hoursBefore: L('Booked before departure', 'number', 'hours'),
    payment: L('Payment'),
  },
  'minor-one-way': {
    minor: L('Minor'),
    ticket: L('Ticket'),
    travelDate: L('Travel date', 'date'),
  },
  'identity-inconsistent': {
    conflicts: L('Conflicting identities'),
  },
};

/** Labels of every kind together: alerts raised before reasons named their kind are read with these. */
const ANY_KIND: Record<string, FactLabel> = Object.assign({}, ...Object.values(RULE_FACT_LABELS));

/** One line of a reason: a label and its value in words, or a list of items (each its own lines). */
export interface FactLine {
  label: string;
  text: string;
  items?: FactLine[][];
}

export interface FactWordsOptions {
  /** IANA zone for times (the departure port's); null: UTC. */
  zone: string | null;
  /** Called for a key with no label: tests fail on it; the page shows the key as a last resort. */
  onUnlabelled?: (key: string) => void;
}

function scalar(value: unknown, label: FactLabel, options: FactWordsOptions): string {
  if (value === null || value === undefined || value === '') return 'not given';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  if (label.values?.[text]) return label.values[text] as string;
  if (label.format === 'time') return localTime(text, options.zone);
  if (label.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return calendarDate(text);
  return label.unit ? `${text} ${label.unit}` : text;
}

function lines(
  facts: Record<string, unknown>,
  labels: Record<string, FactLabel>,
  options: FactWordsOptions,
): FactLine[] {
  const out: FactLine[] = [];
  for (const [key, value] of Object.entries(facts)) {
    const label = labels[key] ?? ITEM_LABELS[key];
    if (!label) options.onUnlabelled?.(key);
    const l = label ?? L(key);
    if (Array.isArray(value)) {
      const objects = value.filter(
        (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
      );
      if (objects.length === value.length && value.length > 0)
        out.push({
          label: l.label,
          text: `${value.length}`,
          items: objects.map((v) => lines(v, ITEM_LABELS, options)),
        });
      else
        out.push({
          label: l.label,
          text:
            value.length === 0 ? 'none' : value.map((v) => scalar(v, ITEM_LABELS.ref as FactLabel, options)).join(', '),
        });
    } else if (typeof value === 'object' && value !== null) {
      out.push({ label: l.label, text: '', items: [lines(value as Record<string, unknown>, ITEM_LABELS, options)] });
    } else out.push({ label: l.label, text: scalar(value, l, options) });
  }
  return out;
}

/** A rule reason's facts as labelled lines; `kind` picks the rule's own labels (null: any kind's). */
export function describeFacts(
  kind: RuleKind | null,
  facts: Record<string, unknown>,
  options: FactWordsOptions,
): FactLine[] {
  return lines(facts, kind ? RULE_FACT_LABELS[kind] : ANY_KIND, options);
}
