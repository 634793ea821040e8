import { randomUUID } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';
import type { Suppression } from '../../domain/suppression.ts';
import type { NewSuppression } from '../../domain/suppression.ts';
import { PaxError } from '../../errors.ts';
import type { Actor, Store } from '../store.ts';
import { INSERT_SUPPRESSION, suppressionValues } from '../shared-statements.ts';

type SuppressionMethods = Pick<
  Store,
  'activeSuppressions' | 'suppressionsVersion' | 'listSuppressions' | 'revokeSuppression'
>;

interface SuppressionRow {
  id: string;
  list: string;
  entry_id: string;
  entry_fingerprint: string;
  document_number: string;
  date_of_birth: string;
  traveller_fingerprint: string;
  decided_alert_id: string;
  decided_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_note: string | null;
}

const toSuppression = (r: SuppressionRow): Suppression => ({
  id: r.id,
  list: r.list,
  entryId: r.entry_id,
  entryFingerprint: r.entry_fingerprint,
  documentNumber: r.document_number,
  dateOfBirth: r.date_of_birth,
  travellerFingerprint: r.traveller_fingerprint,
  decidedAlertId: r.decided_alert_id,
  decidedBy: r.decided_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revokeNote: r.revoke_note,
});

export interface SuppressionDeps {
  stmt: (sql: string) => StatementSync;
  transaction: <T>(fn: () => T) => T;
  auditAct: (actor: Actor, action: string, target: string, purpose?: string) => void;
  event: (alertId: string, principal: string, action: 'unsuppress', outcome: null, note: string) => void;
  /** The journey cache must re-read a journey whose travellers were marked for screening again. */
  forgetJourney: (journeyKey: string) => void;
}

/** Inside the caller's transaction (a disposition): writes the suppressions a decision creates, each audited. */
export function writeSuppressions(
  d: Pick<SuppressionDeps, 'stmt' | 'auditAct'>,
  actor: Actor,
  items: NewSuppression[],
): string[] {
  const insert = d.stmt(INSERT_SUPPRESSION);
  return items.map((s) => {
    const id = randomUUID();
    insert.run(...suppressionValues(id, s));
    d.auditAct(actor, 'suppression.create', id, `alert ${s.decidedAlertId} until ${s.expiresAt.slice(0, 10)}`);
    return id;
  });
}

export function suppressionMethods(d: SuppressionDeps): SuppressionMethods {
  const { stmt, transaction } = d;
  return {
    async activeSuppressions(now) {
      return (
        stmt('SELECT * FROM suppressions WHERE revoked_at IS NULL AND expires_at > ?').all(
          now,
        ) as unknown as SuppressionRow[]
      ).map(toSuppression);
    },
    async suppressionsVersion() {
      const r = stmt('SELECT COUNT(*) AS n, COUNT(revoked_at) AS revoked FROM suppressions').get() as {
        n: number;
        revoked: number;
      };
      return `${r.n}:${r.revoked}`;
    },
    async listSuppressions(q) {
      const where: string[] = [];
      const params: string[] = [];
      if (q.active === true) {
        where.push('revoked_at IS NULL AND expires_at > ?');
        params.push(q.now);
      } else if (q.active === false) {
        where.push('(revoked_at IS NOT NULL OR expires_at <= ?)');
        params.push(q.now);
      }
      if (q.alertId) {
        where.push('decided_alert_id = ?');
        params.push(q.alertId);
      }
      if (q.cursor) {
        const c = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
        if (c.length !== 2)
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
        where.push('(created_at, id) < (?, ?)');
        params.push(c[0] as string, c[1] as string);
      }
      const rows = stmt(
        `SELECT * FROM suppressions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      ).all(...params, q.limit + 1) as unknown as SuppressionRow[];
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toSuppression),
        nextCursor:
          rows.length > q.limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null,
      };
    },
    async revokeSuppression(id, actor, note) {
      const { result, journeys } = transaction(() => {
        const row = stmt('SELECT * FROM suppressions WHERE id = ?').get(id) as unknown as SuppressionRow | undefined;
        if (!row) throw new PaxError('NOT_FOUND', 'No such suppression');
        if (row.revoked_at) throw new PaxError('ALERT_STATE', 'The suppression is already revoked');
        const at = new Date().toISOString();
        stmt('UPDATE suppressions SET revoked_at = ?, revoked_by = ?, revoke_note = ? WHERE id = ?').run(
          at,
          actor.id,
          note,
          id,
        );
        d.auditAct(actor, 'suppression.revoke', id);
        // Records this suppression set aside, still in force: back in the queue, and their travellers
        // screened again so the carrier's next answer no longer rests on the revoked decision.
        const held = stmt(
          `SELECT a.id, a.journey_key, a.traveller_ref FROM alerts a, json_each(a.suppressions_json) s
           WHERE a.status = 'suppressed' AND a.superseded_by IS NULL AND json_extract(s.value, '$.suppressionId') = ?`,
        ).all(id) as Array<{ id: string; journey_key: string; traveller_ref: string }>;
        const reopen = stmt("UPDATE alerts SET status = 'open' WHERE id = ?");
        const rescreen = stmt(
          'UPDATE traveller_versions SET complete = 0 WHERE id = (SELECT MAX(id) FROM traveller_versions WHERE journey_key = ? AND ref = ?)',
        );
        for (const a of held) {
          reopen.run(a.id);
          d.event(a.id, actor.id, 'unsuppress', null, `Suppression revoked: ${note}`);
          rescreen.run(a.journey_key, a.traveller_ref);
        }
        const revoked = toSuppression({ ...row, revoked_at: at, revoked_by: actor.id, revoke_note: note });
        return {
          result: { suppression: revoked, reopened: held.map((a) => a.id) },
          journeys: new Set(held.map((a) => a.journey_key)),
        };
      });
      for (const k of journeys) d.forgetJourney(k);
      return result;
    },
  };
}
