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

/**
 * Splits into segments. Line breaks are segment padding unless the segment terminator itself is a
 * line break; a released character (e.g. `?'`) is kept literally. Linear in the input.
 */
export function tokenize(text: string): { separators: Separators; segments: Segment[] } {
  const { separators: sep, body } = readSeparators(text);
  const segments: Segment[] = [];
  let elements: string[][] = [[]];
  let current = '';
  let released = false;
  let anything = false;
  const lineBreakTerminates = sep.segment === '\n' || sep.segment === '\r';
  const endComponent = () => {
    (elements[elements.length - 1] as string[]).push(current);
    current = '';
  };
  const endSegment = () => {
    endComponent();
    const tag = (elements[0]?.[0] ?? '').trim().toUpperCase();
    if (tag || elements.length > 1) segments.push({ index: segments.length + 1, tag, elements });
    elements = [[]];
    anything = false;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (released) {
      current += ch;
      released = false;
      continue;
    }
    if (ch === sep.release) {
      released = true;
      continue;
    }
    if (ch === sep.segment) {
      if (anything || current.trim()) endSegment();
      continue;
    }
    if ((ch === '\n' || ch === '\r') && !lineBreakTerminates) continue;
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
  }
  if (anything || current.trim()) endSegment();
  return { separators: sep, segments };
}

/** Escapes a value for writing with these separators. */
export function escapeValue(value: string, sep: Separators = DEFAULT_SEPARATORS): string {
  const special = new Set([sep.component, sep.element, sep.release, sep.segment]);
  let out = '';
  for (const ch of value) out += special.has(ch) ? sep.release + ch : ch;
  return out;
}
