#!/usr/bin/env node
/**
 * paxscreen command line: import a watch-list into the store, screen a manifest file offline, hash a
 * password for the credentials file.
 *
 *   npm run paxscreen -- import-list --format ofac-sdn --name ofac-sdn ../shared/data/ofac-sdn
 *   npm run paxscreen -- import-list --format simple-csv --name ns --category wanted --action REFER wl.csv
 *   npm run paxscreen -- screen fixtures/manifests/sample-flight.json
 *   echo 'a long passphrase' | npm run -s paxscreen -- hash-password
 *   npm run paxscreen -- verify-audit --data-dir data
 */
import { parseArgs } from 'node:util';
import { hashPasswordCommand } from './hash-password.ts';
import { importListCommand } from './import-list.ts';
import { screenCommand } from './screen.ts';
import { verifyAuditCommand } from './verify-audit.ts';

const USAGE = `usage: paxscreen <command> [options]

commands:
  import-list --format jsonl|ofac-sdn|simple-csv --name NAME [--category C] [--action A] [--date-order mdy|dmy|ymd] PATH
      replace the stored list NAME with the file (or, for ofac-sdn, the folder holding sdn.csv and alt.csv)
  screen [--json] MANIFEST.json
      screen a native JSON manifest against the configured and stored lists and the rules; print the result
  hash-password
      read a password from standard input; print its scrypt hash (scrypt$N$r$p$salt$key) for the credentials file
  verify-audit [--data-dir DIR]
      walk the audit log's hash chain; exit 1 naming the first row that was edited, inserted or removed

The store, lists and rules come from the same PAXSCREEN_* environment as the service.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      name: { type: 'string' },
      category: { type: 'string', default: 'wanted' },
      action: { type: 'string', default: 'REFER' },
      'date-order': { type: 'string', default: 'mdy' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'import-list':
      return importListCommand(values, positionals);
    case 'screen':
      return screenCommand(values, positionals);
    case 'hash-password':
      return hashPasswordCommand();
    case 'verify-audit':
      return verifyAuditCommand(values);
    default:
      console.error(`paxscreen: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`paxscreen: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
