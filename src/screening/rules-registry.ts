import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import type { RuleSet } from '../domain/rules/rule-schema.ts';
import { loadRuleSet, RuleLoadError } from '../ingest/rule-files.ts';
import type { RulesSnapshot } from './worker-messages.ts';
import type { Log } from '../log.ts';

export interface RulesStatus {
  ready: boolean;
  version: string | null;
  rules: number;
  loadedAt: string | null;
  /** Problems of the last refused load; the previous rule set stayed in force. */
  lastProblems: string[];
}

export interface RulesRegistry {
  current(): RuleSet | null;
  /** The same rule set as shared bytes for the workers. */
  snapshot(): RulesSnapshot | null;
  status(): RulesStatus;
  reload(reason: string): Promise<{ accepted: boolean; status: RulesStatus }>;
  /** Called with the new version whenever a rule set with different content goes in force. */
  onChange(listener: (version: string) => void): void;
  close(): void;
}

/**
 * Owns the rule set in force. A rule folder that fails validation is refused whole and the previous
 * set stays active; the refusal names the file, the rule and the field.
 */
export function createRulesRegistry(options: { dir: string; watch: boolean; log: Log }): RulesRegistry {
  let current: RuleSet | null = null;
  let shared: RulesSnapshot | null = null;
  let status: RulesStatus = { ready: false, version: null, rules: 0, loadedAt: null, lastProblems: [] };
  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;
  const listeners: Array<(version: string) => void> = [];

  const reload = async (reason: string) => {
    try {
      const set = await loadRuleSet(options.dir);
      const changed = current?.version !== set.version;
      current = set;
      const bytes = new TextEncoder().encode(JSON.stringify(set.rules));
      const buffer = new SharedArrayBuffer(bytes.byteLength);
      new Uint8Array(buffer).set(bytes);
      shared = { version: set.version, buffer, byteLength: bytes.byteLength };
      status = {
        ready: true,
        version: set.version,
        rules: set.rules.length,
        loadedAt: new Date().toISOString(),
        lastProblems: [],
      };
      options.log.info({ reason, version: set.version, rules: set.rules.length }, 'rules loaded');
      if (changed) for (const l of listeners) l(set.version);
      return { accepted: true, status };
    } catch (e) {
      const problems = e instanceof RuleLoadError ? e.problems : [(e as Error).message];
      status = { ...status, lastProblems: problems };
      options.log.error(
        { reason, problems: problems.length },
        'rule files refused; the previous rule set stays in force',
      );
      return { accepted: false, status };
    }
  };

  if (options.watch) {
    try {
      watcher = watch(options.dir, () => {
        if (debounce) clearTimeout(debounce);
        debounce = setTimeout(() => void reload('rule files changed'), 300);
        debounce.unref();
      });
    } catch (e) {
      options.log.error({ err: (e as Error).message }, 'cannot watch the rules folder');
    }
  }

  return {
    current: () => current,
    snapshot: () => shared,
    status: () => status,
    reload,
    onChange(listener) {
      listeners.push(listener);
    },
    close() {
      watcher?.close();
      if (debounce) clearTimeout(debounce);
    },
  };
}
