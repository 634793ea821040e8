/**
 * Runs the benchmarks and writes their output, as printed, into docs/benchmarks.md with the date,
 * the machine and the commit: the figures in the docs are the benchmarks' own, never copied by hand.
 *
 *   npm run bench:report                  # the quick profile (~10 minutes on 2 cores)
 *   npm run bench:report -- --full        # the sizes the issues set (1M names; over an hour)
 *   npm run bench:report -- paxlst pnrgov # only these, the others kept from the last report
 *
 * Each benchmark runs in its own process, one after another (they would otherwise measure each
 * other), bounded in time; one that fails or overruns is reported as such and the others still run.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

interface Bench {
  name: string;
  script: string;
  what: string;
  quick: string[];
  full: string[];
  limitMinutes: number;
}

const BENCHES: Bench[] = [
  {
    name: 'match',
    script: 'bench/match.ts',
    what: 'index build, memory and per-traveller matching latency by list size; brute-force scan at 10k',
    quick: ['10000', '100000'],
    full: [],
    limitMinutes: 30,
  },
  {
    name: 'quality',
    script: 'bench/quality.ts',
    what: 'recall under 25 kinds of variants, false alerts of a 46-locale population, labelled name pairs',
    quick: ['10000'],
    full: ['10000', '50000', '100000', '1000000'],
    limitMinutes: 60,
  },
  {
    name: 'rules',
    script: 'bench/rules.ts',
    what: 'a 500-traveller manifest against a store of earlier journeys: history read and rule evaluation',
    quick: ['200000'],
    full: [],
    limitMinutes: 20,
  },
  {
    name: 'paxlst',
    script: 'bench/paxlst.ts',
    what: 'PAXLST read throughput (47 KB, 260 travellers), one core',
    quick: [],
    full: [],
    limitMinutes: 5,
  },
  {
    name: 'pnrgov',
    script: 'bench/pnrgov.ts',
    what: 'PNRGOV read throughput on the largest GTAS samples, one thread',
    quick: ['3'],
    full: [],
    limitMinutes: 5,
  },
  {
    name: 'queue',
    script: 'bench/queue.ts',
    what: 'the officer queue with open alerts, one alert, a journey, traveller search',
    quick: ['10000', '100'],
    full: ['10000', '2000'],
    limitMinutes: 20,
  },
  {
    name: 'load',
    script: 'bench/load.ts',
    what: 'check-ins, batches and overload against the service over HTTP (127.0.0.1), bare fastify as a baseline',
    quick: ['--list', '100000', '--seconds', '5'],
    full: [],
    limitMinutes: 45,
  },
  {
    name: 'rescreen',
    script: 'bench/rescreen.ts',
    what: 're-screening after a watch-list change while check-ins arrive',
    quick: ['--list', '100000', '--travellers', '20000', '--rate', '300'],
    full: [],
    limitMinutes: 45,
  },
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}docs/benchmarks.md`;
const args = process.argv.slice(2);
const full = args.includes('--full');
const chosen = args.filter((a) => !a.startsWith('--'));
const unknown = chosen.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

/** Runs one benchmark; its own output is shown as it comes and kept. */
function run(b: Bench): Promise<{ output: string; seconds: number; status: string }> {
  const argv = full ? b.full : b.quick;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', b.script, ...argv], {
      cwd: ROOT,
      env: { ...process.env, PAXSCREEN_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const limit = setTimeout(() => child.kill('SIGTERM'), b.limitMinutes * 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      const seconds = Math.round((performance.now() - started) / 1000);
      const status = signal ? `stopped (${signal}) after ${b.limitMinutes} min` : code === 0 ? 'ok' : `exit ${code}`;
      resolve({ output, seconds, status });
    });
  });
}

/** The sections of the last report, so a partial run keeps the others. */
function previousSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(OUT)) return sections;
  const parts = readFileSync(OUT, 'utf8').split(/^## /m).slice(1);
  for (const p of parts) sections.set(p.slice(0, p.indexOf('\n')).split(' ')[0] as string, `## ${p.trimEnd()}\n`);
  return sections;
}

// Progress bars and cursor moves are for a terminal, not a document.
const clean = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split('\n')
    .map((line) => line.split('\r').pop() ?? '')
    .join('\n')
    .trim();

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench'], { cwd: ROOT, encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter(Boolean).length;
const sections = previousSections();
for (const b of BENCHES.filter((x) => chosen.length === 0 || chosen.includes(x.name))) {
  console.log(`\n=== ${b.name} ===`);
  const r = await run(b);
  const command = `npm run bench:${b.name}${(full ? b.full : b.quick).length ? ` -- ${(full ? b.full : b.quick).join(' ')}` : ''}`;
  sections.set(
    b.name,
    `## ${b.name}\n\n${b.what}.\n\n\`${command}\` — ${full ? 'full' : 'quick'} profile, ${new Date().toISOString().slice(0, 10)}, commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}, ${r.seconds} s, ${r.status}\n\n\`\`\`text\n${clean(r.output)}\n\`\`\`\n`,
  );
}

const header = `# Benchmark figures

Generated by \`npm run bench:report\` (bench/report.ts) from the benchmarks' own output: do not edit
by hand; run it again. Each section says the command, the date and the commit it ran on.

Machine of the last run: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(
  totalmem() / 2 ** 30,
)} GB, Node ${process.version}. It is a shared VM: the same code measures ±20% from one process to
the next, so compare figures as ratios within one run (each benchmark has its baseline beside it).
Each section names its profile: full (the sizes the issues set: a million listed names) or quick
(smaller lists, minutes in all).
`;
const order = BENCHES.map((b) => sections.get(b.name)).filter(Boolean);
writeFileSync(OUT, `${header}\n${order.join('\n')}`);
console.log(`\nwrote ${OUT}`);
