/**
 * The PNRGOV reader on hostile input: random text and mutated samples never raise anything but
 * PnrgovUnusable (the route answers it with a 400), and the cost stays linear in the size.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePnrgov, PnrgovUnusable } from '../../../../src/ingest/pnrgov/parse.ts';
import { costRatio } from '../../../helpers/growth.ts';

const sample = (f: string) => readFileSync(new URL(`../../../fixtures/pnrgov/${f}`, import.meta.url), 'utf8');
const BASIC = sample('2_pnrs_basic.edi');
const INFANT = sample('infant.edi');

describe('PNRGOV fuzz', () => {
  const pieces = [...BASIC.split("'"), ...INFANT.split("'")].map((s) => `${s}'`);
  it('never throws anything but PnrgovUnusable on random and mutated input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .array(
              fc.constantFrom(
                ...pieces,
                "'",
                '+',
                ':',
                '?',
                '*',
                'UNA:+.?*',
                'UNA:+\\*',
                '\r\n',
                'SRC',
                'TIF+',
                'SSR+DOCS:HK::XX:::::/',
                'TVL+',
                'FOP+CC',
                'UNT+',
              ),
              { maxLength: 60 },
            )
            .map((a) => a.join('')),
          fc
            .tuple(fc.nat(BASIC.length), fc.nat(BASIC.length), fc.string({ maxLength: 20 }))
            .map(([a, b, s]) => BASIC.slice(0, Math.min(a, b)) + s + BASIC.slice(Math.max(a, b))),
        ),
        (text) => {
          try {
            parsePnrgov(text);
          } catch (e) {
            if (!(e instanceof PnrgovUnusable)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays linear in input size (a ratio of the fastest of interleaved runs, not a time)', () => {
    const big = sample('bigbigPnr.txt');
    const body = big.replace(/^UNB[^']*'/, '');
    // Sixteen messages cost about sixteen times one (GC adds up to half again on this machine, more
    // under load); quadratic would be 256.
    expect(costRatio(big, big + body.repeat(15), (text) => parsePnrgov(text))).toBeLessThan(64);
  });
});
