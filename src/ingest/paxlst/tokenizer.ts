/**
 * UN/EDIFACT syntax level: service string advice (UNA) or the UNOA defaults, the release character,
 * line breaks between segments, and segments split into elements and components. Never throws on
 * content; the mapper decides what a segment means.
 */
export interface Separators {
  component: string;
  element: string;
  decimal: string;
  release: string;
  segment: string;
}

export const DEFAULT_SEPARATORS: Separators = {
  component: ':',
  element: '+',
  decimal: '.',
  release: '?',
  segment: "'",
};

export interface Segment {
  /** 1-based position in the interchange, for warnings. */
  index: number;
  tag: string;
  /** elements[i][j]: component j of data element i (element 0 is the tag). */
  elements: string[][];
}

/**
 * The UNA service string advice, read as real senders write it: the standard six characters
 * (component, element, decimal, release, reserved, segment); five, where the decimal mark was left
 * out (`UNA:+\*'`, seen in GTAS's PNRGOV samples); and a declared terminator the message never uses
 * (`UNA:+.\*’` followed by segments ending in `'`), read as the apostrophe it does use. Each repair
 * is reported in `notes`.
 */
export function readSeparators(text: string): { separators: Separators; body: string; notes: string[] } {
  const start = text.search(/\S/);
  if (start < 0 || !text.startsWith('UNA', start)) return { separators: DEFAULT_SEPARATORS, body: text, notes: [] };
  const notes: string[] = [];
  const after = text.slice(start + 3);
  const header = /^(.{5,6}?)\s*UN[BGH]/s.exec(after.slice(0, 16));
  const declared = header?.[1]?.length === 5 && !/\s$/.test(header[1]) ? header[1] : after.slice(0, 6);
  let separators: Separators;
  if (declared.length === 5) {
    separators = {
      component: declared[0] as string,
      element: declared[1] as string,
      decimal: '.',
      release: declared[2] as string,
      segment: declared[4] as string,
    };
    notes.push(
      `UNA gives five characters ("${declared}"): read as component, element, release, reserved, segment; decimal mark "."`,
    );
  } else {
    separators = {
      component: declared[0] as string,
      element: declared[1] as string,
      decimal: declared[2] as string,
      release: declared[3] as string,
      segment: declared[5] as string,
    };
  }
  const body = after.slice(declared.length);
  if (!body.includes(separators.segment) && separators.segment !== "'" && body.includes("'")) {
    notes.push(
      `UNA declares "${separators.segment}" as the segment terminator but the message ends its segments with "'": read with "'"`,
    );
    separators = { ...separators, segment: "'" };
  }
  return { separators, body, notes };
}

/** Bounds on what one message may hold: beyond them it is refused, not read at any cost. */
export interface TokenizeLimits {
  maxSegments: number;
  /** Characters in one segment (a NAD with every name part is under 500). */
  maxSegmentChars: number;
}

/** A PAXLST of 1,000 travellers has about 20,000 segments; no real segment comes near 2,000 characters. */
export const DEFAULT_TOKENIZE_LIMITS: TokenizeLimits = { maxSegments: 50_000, maxSegmentChars: 2_000 };

export class EdifactLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdifactLimitError';
  }
}

/**
 * Splits into segments. Line breaks are segment padding unless the segment terminator itself is a
 * line break; a released character (e.g. `?'`) is kept literally. Linear in the input: whether the
 * text read since the last terminator holds anything but blanks is tracked as it is read, never
 * recomputed (a trim per terminator made runs of blanks and released characters quadratic).
 */
export function tokenize(
  text: string,
  limits: TokenizeLimits = DEFAULT_TOKENIZE_LIMITS,
): { separators: Separators; segments: Segment[]; notes: string[] } {
  const { separators: sep, body, notes } = readSeparators(text);
  const segments: Segment[] = [];
  let elements: string[][] = [[]];
  let current = '';
  let released = false;
  let anything = false;
  /** `current` holds a character other than a blank. */
  let content = false;
  let segmentChars = 0;
  const lineBreakTerminates = sep.segment === '\n' || sep.segment === '\r';
  const endComponent = () => {
    (elements[elements.length - 1] as string[]).push(current);
    current = '';
    content = false;
  };
  const endSegment = () => {
    endComponent();
    const tag = (elements[0]?.[0] ?? '').trim().toUpperCase();
    if (tag || elements.length > 1) {
      if (segments.length >= limits.maxSegments)
        throw new EdifactLimitError(`more than ${limits.maxSegments} segments in one message`);
      segments.push({ index: segments.length + 1, tag, elements });
    }
    elements = [[]];
    anything = false;
    segmentChars = 0;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (++segmentChars > limits.maxSegmentChars)
      throw new EdifactLimitError(`segment ${segments.length + 1} is longer than ${limits.maxSegmentChars} characters`);
    if (released) {
      current += ch;
      if (ch !== ' ' && ch !== '\t') content = true;
      released = false;
      continue;
    }
    if (ch === sep.release) {
      released = true;
      continue;
    }
    if (ch === sep.segment) {
      if (anything || content) endSegment();
      else {
        // Blanks alone between terminators: padding, dropped.
        current = '';
        segmentChars = 0;
      }
      continue;
    }
    if ((ch === '\n' || ch === '\r') && !lineBreakTerminates) {
      segmentChars--;
      continue;
    }
    if (ch === sep.element) {
      endComponent();
      elements.push([]);
      anything = true;
      continue;
    }
    if (ch === sep.component) {
      endComponent();
      anything = true;
      continue;
    }
    if (!anything && current === '' && (ch === ' ' || ch === '\t')) continue; // padding before a tag
    current += ch;
    if (ch !== ' ' && ch !== '\t') content = true;
  }
  if (anything || content) endSegment();
  return { separators: sep, segments, notes };
}

/** Escapes a value for writing with these separators. */
export function escapeValue(value: string, sep: Separators = DEFAULT_SEPARATORS): string {
  const special = new Set([sep.component, sep.element, sep.release, sep.segment]);
  let out = '';
  for (const ch of value) out += special.has(ch) ? sep.release + ch : ch;
  return out;
}
