import type { Directive } from '../../domain/contracts/common.ts';
import { DIRECTIVE_CODES } from '../../domain/contracts/common.ts';
import type { Journey } from '../../domain/contracts/manifest.ts';
import { airport, utcToLocal } from './airports.ts';
import { DEFAULT_SEPARATORS, escapeValue } from './tokenizer.ts';

const p2 = (n: number) => String(n).padStart(2, '0');
const yymmddhhmm = (t: { y: number; mo: number; d: number; h: number; mi: number }) =>
  `${String(t.y).slice(2)}${p2(t.mo)}${p2(t.d)}${p2(t.h)}${p2(t.mi)}`;

/** UTC, for the interchange header (UNB preparation time). */
function utcStamp(iso: string): string {
  const d = new Date(iso);
  return yymmddhhmm({
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
  });
}

/**
 * A departure or arrival time as PAXLST and CUSRES carry it: the port's local wall-clock time,
 * format 201 (YYMMDDHHMM), read with the same time zones as the PAXLST reader so a time read and
 * written back is the carrier's own. A port whose zone is unknown gets UTC, as the reader assumed.
 */
function portStamp(iso: string, port: string): string {
  const tz = airport(port)?.tz;
  return tz ? yymmddhhmm(utcToLocal(new Date(iso), tz)) : utcStamp(iso);
}

/**
 * The answer in the carrier's language: a CUSRES message with one ERP/RFF/ERC group per traveller,
 * keyed by the carrier's traveller reference, with the iAPI status code (0Z board, 1Z do not board,
 * 2Z contact the authority, 4Z insufficient data). Departure and arrival times are the ports' local
 * times (DTM 189 and 232, format 201), as in the carrier's PAXLST; the interchange header's
 * preparation time is UTC.
 */
export function writeCusres(input: {
  recipient: string;
  messageRef: string;
  journey: Journey;
  directives: Array<{ ref: string; directive: Directive }>;
  now?: Date;
}): string {
  const sep = DEFAULT_SEPARATORS;
  const e = (v: string) => escapeValue(v, sep);
  const now = input.now ?? new Date();
  const control = `${now.getTime()}`.slice(-9);
  const body: string[] = [
    `UNH+${control}+CUSRES:D:05B:UN:IATA`,
    'BGM+962',
    `RFF+TN:${e(input.messageRef)}`,
    `TDT+20+${e(input.journey.serviceNumber)}+++${e(input.journey.carrier)}`,
    `LOC+125+${e(input.journey.departure.port)}`,
    `DTM+189:${portStamp(input.journey.departure.scheduled, input.journey.departure.port)}:201`,
    `LOC+87+${e(input.journey.arrival.port)}`,
    `DTM+232:${portStamp(input.journey.arrival.scheduled, input.journey.arrival.port)}:201`,
  ];
  for (const d of input.directives) body.push('ERP+2', `RFF+ABO:${e(d.ref)}`, `ERC+${DIRECTIVE_CODES[d.directive]}`);
  body.push(`UNT+${body.length + 1}+${control}`);
  const stampNow = utcStamp(now.toISOString());
  const segments = [
    `UNB+UNOA:4+PAXSCREEN+${e(input.recipient)}+${stampNow.slice(0, 6)}:${stampNow.slice(6)}+${control}`,
    ...body,
    `UNZ+1+${control}`,
  ];
  return `UNA:+.? '\n${segments.join("'\n")}'\n`;
}
