/**
 * Writes a native JSON-lines watch-list of N entries (the SDN individuals plus synthetic names) for
 * start-up and load tests:  npm run bench:make-list -- 1000000 /tmp/list-1m.jsonl
 */
import { createWriteStream } from 'node:fs';
import { sdnEntries } from './lib/sdn.ts';
import { syntheticEntries } from './lib/synthetic.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? `/tmp/paxscreen-list-${n}.jsonl`;
const sdn = await sdnEntries();
const out = createWriteStream(file);
for (const e of [...sdn.slice(0, n), ...syntheticEntries(Math.max(0, n - sdn.length), 42)]) {
  if (!out.write(`${JSON.stringify(e)}\n`)) await new Promise((r) => out.once('drain', r));
}
out.end();
await new Promise((r) => out.once('finish', r));
console.log(`${n} entries written to ${file}`);
