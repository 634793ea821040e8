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

export const DEFAULT_SEPARATORS: Separators = { component: ':', element: '+', decimal: '.', release: '?', segment: "'" };

export interface Segment {
  /** 1-based position in the interchange, for warnings. */
  index: number;
  tag: string;
  /** elements[i][j]: component j of data element i (element 0 is the tag). */
  elements: string[][];
}

export function readSeparators(text: string): { separators: Separators; body: string } {
  const start = text.search(/\S/);
  if (start >= 0 && text.startsWith('UNA', start) && text.length >= start + 9) {
    const s = text.slice(start + 3, start + 9);
    const separators: Separators = { component: s[0] as string, element: s[1] as string, decimal: s[2] as string, release: s[3] as string, segment: s[5] as string };
    return { separators, body: text.slice(start + 9) };
  }
  return { separators: DEFAULT_SEPARATORS, body: text };
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
export function tokenize(text: string, limits: TokenizeLimits = DEFAULT_TOKENIZE_LIMITS): { separators: Separators; segments: Segment[] } {
  const { separators: sep, body } = readSeparators(text);
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
      if (segments.length >= limits.maxSegments) throw new EdifactLimitError(`more than ${limits.maxSegments} segments in one message`);
      segments.push({ index: segments.length + 1, tag, elements });
    }
    elements = [[]];
    anything = false;
    segmentChars = 0;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (++segmentChars > limits.maxSegmentChars) throw new EdifactLimitError(`segment ${segments.length + 1} is longer than ${limits.maxSegmentChars} characters`);
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
  return { separators: sep, segments };
}

/** Escapes a value for writing with these separators. */
export function escapeValue(value: string, sep: Separators = DEFAULT_SEPARATORS): string {
  const special = new Set([sep.component, sep.element, sep.release, sep.segment]);
  let out = '';
  for (const ch of value) out += special.has(ch) ? sep.release + ch : ch;
  return out;
}
