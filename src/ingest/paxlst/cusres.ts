import type { Directive } from '../../domain/contracts/common.ts';
import { DIRECTIVE_CODES } from '../../domain/contracts/common.ts';
import type { Journey } from '../../domain/contracts/manifest.ts';
import { DEFAULT_SEPARATORS, escapeValue } from './tokenizer.ts';

function stamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear()).slice(2)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

/**
 * The answer in the carrier's language: a CUSRES message with one ERP/RFF/ERC group per traveller,
 * keyed by the carrier's traveller reference, with the iAPI status code (0Z board, 1Z do not board,
 * 2Z contact the authority, 4Z insufficient data). Times are UTC (format 203 would be local).
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
    `DTM+189:${stamp(input.journey.departure.scheduled)}:201`,
    `LOC+87+${e(input.journey.arrival.port)}`,
    `DTM+232:${stamp(input.journey.arrival.scheduled)}:201`,
  ];
  for (const d of input.directives) body.push('ERP+2', `RFF+ABO:${e(d.ref)}`, `ERC+${DIRECTIVE_CODES[d.directive]}`);
  body.push(`UNT+${body.length + 1}+${control}`);
  const stampNow = stamp(now.toISOString());
  const segments = [
    `UNB+UNOA:4+PAXSCREEN+${e(input.recipient)}+${stampNow.slice(0, 6)}:${stampNow.slice(6)}+${control}`,
    ...body,
    `UNZ+1+${control}`,
  ];
  return `UNA:+.? '\n${segments.join("'\n")}'\n`;
}
