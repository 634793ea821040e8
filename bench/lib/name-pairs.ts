import { readFileSync } from 'node:fs';

export interface LabelledPair {
  same: boolean;
  listed: { surname: string; givenNames: string };
  travelled: { surname: string; givenNames: string };
  kind: string;
}

/** bench/data/name-pairs.tsv: label, listed surname, listed given names, travelled surname, travelled given names, kind. */
export function labelledPairs(): LabelledPair[] {
  const text = readFileSync(new URL('../data/name-pairs.tsv', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [label, ls, lg, ts, tg, kind] = l.split('\t').map((c) => c.trim());
      if (label !== 'same' && label !== 'different') throw new Error(`name-pairs.tsv: bad label in "${l}"`);
      return {
        same: label === 'same',
        listed: { surname: ls ?? '', givenNames: lg ?? '' },
        travelled: { surname: ts ?? '', givenNames: tg ?? '' },
        kind: kind ?? '',
      };
    });
}
