import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RuleDefinition, RuleSet } from '../domain/rules/rule-schema.ts';
import { RuleFile } from '../domain/rules/rule-schema.ts';
import { renderPath } from '../errors.ts';

export class RuleLoadError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`rule files refused:\n  ${problems.join('\n  ')}`);
    this.name = 'RuleLoadError';
    this.problems = problems;
  }
}

/**
 * Loads every *.json rule file in a folder. Validation errors name the file, the rule and the field;
 * any error refuses the whole set, so a half-valid catalogue never goes live.
 */
export async function loadRuleSet(dir: string): Promise<RuleSet> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const problems: string[] = [];
  const rules: RuleDefinition[] = [];
  const hash = createHash('sha256');
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    hash.update(f).update('\0').update(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      problems.push(`${f}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = RuleFile.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const ruleIndex = typeof issue.path[0] === 'number' ? issue.path[0] : null;
        const raw = ruleIndex === null ? json : (json as unknown[])[ruleIndex];
        const id = raw && typeof raw === 'object' && 'id' in raw ? String((raw as { id: unknown }).id) : '(no id)';
        const field = renderPath(ruleIndex === null ? issue.path : issue.path.slice(1));
        problems.push(`${f}: rule ${id}: ${field} ${issue.message}`);
      }
      continue;
    }
    rules.push(...(Array.isArray(parsed.data) ? parsed.data : [parsed.data]));
  }
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) problems.push(`rule ${r.id} is defined twice`);
    seen.add(r.id);
  }
  if (problems.length > 0) throw new RuleLoadError(problems);
  return { version: hash.digest('hex').slice(0, 16), rules };
}
