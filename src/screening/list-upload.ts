import type { LoadLimits } from '../domain/watchlist-load-gate.ts';
import { loadProblems } from '../domain/watchlist-load-gate.ts';
import { PaxError } from '../errors.ts';
import type { ImportResult } from '../ingest/import-types.ts';
import type { Actor, Store, WatchlistSummary } from '../store/store.ts';

export interface ListUpload {
  name: string;
  /** The list as read (in a worker for an upload, in-process for the CLI). */
  read: ImportResult;
  /** Where it came from, kept with the stored list. */
  source: string;
  actor: Actor;
  /** Overrides the skipped-share and shrink limits (audited as `watchlist.replace.forced`). */
  force: boolean;
}

/**
 * Replaces a stored list with one just read — the same steps for a supervisor's upload and an
 * operator's `import-list`: a read that gave nothing is refused; one that skipped too many records
 * or shrinks the list sharply is refused (audited) unless forced, since a load that silently lost
 * entries would let listed people through; otherwise the list is replaced and audited in one
 * transaction. The caller rebuilds (the service) or lets running instances notice (the CLI).
 */
export async function replaceStoredList(
  deps: { store: Store; limits: LoadLimits },
  upload: ListUpload,
): Promise<{ summary: WatchlistSummary; forced: boolean }> {
  const { name, read } = upload;
  const lines = (s: { line: number; reason: string }) => ({ path: `line ${s.line}`, message: s.reason });
  if (read.entries.length === 0)
    throw new PaxError(
      'INVALID_REQUEST',
      'No valid entry was read; the stored list is unchanged',
      read.skipped.slice(0, 50).map(lines),
    );
  const previous = (await deps.store.listWatchlists()).find((l) => l.name === name)?.entries ?? null;
  const problems = loadProblems(
    {
      source: `list ${name}`,
      entries: read.entries.length,
      skipped: read.skipped.length,
      records: read.read,
      previousEntries: previous,
    },
    deps.limits,
  );
  if (problems.length > 0 && !upload.force) {
    await deps.store.appendAudit({
      at: new Date().toISOString(),
      principal: upload.actor.id,
      role: upload.actor.role,
      action: 'watchlist.replace.refused',
      target: name,
    });
    throw new PaxError(
      'LIST_REFUSED',
      `${problems.join('; ')}. The stored list is unchanged; force it to override (audited)`,
      [
        ...problems.map((m) => ({ path: 'upload', message: m })),
        ...read.skipped.slice(0, 49 - problems.length).map(lines),
      ],
    );
  }
  const forced = problems.length > 0;
  const summary = await deps.store.replaceWatchlist(name, read.entries, {
    source: upload.source,
    importedBy: upload.actor.id,
    audit: { actor: upload.actor, action: forced ? 'watchlist.replace.forced' : 'watchlist.replace' },
  });
  return { summary, forced };
}
