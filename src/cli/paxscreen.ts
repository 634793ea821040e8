#!/usr/bin/env node
/**
 * paxscreen command line: import a watch-list into the store, screen a manifest file offline, hash a
 * password for the credentials file, verify the audit chain. `paxscreen --help`,
 * `paxscreen <command> --help`.
 *
 *   npm run paxscreen -- import-list --format ofac-sdn --name ofac-sdn ../shared/data/ofac-sdn
 *   npm run paxscreen -- import-list --format simple-csv --name ns --category wanted --action REFER wl.csv
 *   npm run paxscreen -- screen fixtures/manifests/sample-flight.json
 *   npm run -s paxscreen -- hash-password
 *   npm run paxscreen -- verify-audit --data-dir data
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { hashPasswordCommand } from './hash-password.ts';
import { importListCommand } from './import-list.ts';
import { deleteListCommand } from './delete-list.ts';
import { screenCommand } from './screen.ts';
import { verifyAuditCommand } from './verify-audit.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  about: string;
  options: Options;
  run(values: Values, positionals: string[]): Promise<number> | number;
}

const help: Options = { help: { type: 'boolean', short: 'h', default: false } };

const COMMANDS: Record<string, Command> = {
  'import-list': {
    usage:
      'import-list --format jsonl|ofac-sdn|simple-csv --name NAME [--category CATEGORY] [--action ACTION] [--date-order mdy|dmy|ymd] [--force] PATH',
    about:
      'replace the stored list NAME with the file (or, for ofac-sdn, the folder holding sdn.csv and alt.csv); --category and --action apply to formats that do not carry them (default wanted, REFER); --date-order reads simple-csv dates (default mdy, as GTAS writes them); a file that skips more records than PAXSCREEN_LIST_MAX_SKIPPED_SHARE or shrinks the list by more than PAXSCREEN_LIST_MAX_SHRINK_SHARE is refused unless --force (audited)',
    options: {
      ...help,
      format: { type: 'string' },
      name: { type: 'string' },
      category: { type: 'string', default: 'wanted' },
      action: { type: 'string', default: 'REFER' },
      'date-order': { type: 'string', default: 'mdy' },
      force: { type: 'boolean', default: false },
    },
    run: importListCommand,
  },
  'delete-list': {
    usage: 'delete-list --name NAME',
    about: 'remove the stored list NAME (audited); lists named in PAXSCREEN_WATCHLISTS are files and are not touched',
    options: { ...help, name: { type: 'string' } },
    run: deleteListCommand,
  },
  screen: {
    usage: 'screen [--json] MANIFEST',
    about:
      'screen a manifest file (native JSON or UN/EDIFACT PAXLST) against the configured and stored lists and the rules that read one manifest (no travel history); print directives and alerts',
    options: { ...help, json: { type: 'boolean', default: false } },
    run: screenCommand,
  },
  'hash-password': {
    usage: 'hash-password',
    about:
      'read a password (not echoed on a terminal; or from standard input) and print its scrypt hash (scrypt$N$r$p$salt$key) for the credentials file',
    options: { ...help },
    run: () => hashPasswordCommand(),
  },
  'verify-audit': {
    usage: 'verify-audit [--data-dir DIR]',
    about:
      "walk the audit log's hash chain (PostgreSQL when PAXSCREEN_DATABASE_URL is set); exit 1 naming the first row that was edited, inserted or removed",
    options: { ...help, 'data-dir': { type: 'string' } },
    run: verifyAuditCommand,
  },
};

const pad = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
const USAGE = `usage: paxscreen <command> [options]    (paxscreen <command> --help for one)

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(pad)}  ${c.about}`)
  .join('\n')}

The store, lists and rules come from the same PAXSCREEN_* environment as the service.`;

const commandHelp = (c: Command) => `usage: paxscreen ${c.usage}\n\n${c.about}`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`paxscreen: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: command.options }) as {
      values: Values;
      positionals: string[];
    };
  } catch (e) {
    // Node names the option: "Unknown option '--fromat'", "Option '--name <value>' argument missing".
    console.error(`paxscreen ${name}: ${(e as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values['help']) {
    console.log(commandHelp(command));
    return 0;
  }
  return command.run(parsed.values, parsed.positionals);
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`paxscreen: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
