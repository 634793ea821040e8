/** Keyset cursor for the alert queue: opaque to clients, stable under inserts. */
export interface QueuePosition {
  rank: number;
  arrival: string;
  created: string;
  id: string;
}

export function encodeCursor(p: QueuePosition): string {
  return Buffer.from(JSON.stringify([p.rank, p.arrival, p.created, p.id])).toString('base64url');
}

export function decodeCursor(cursor: string): QueuePosition | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [rank, arrival, created, id] = v as unknown[];
    if (
      typeof rank !== 'number' ||
      typeof arrival !== 'string' ||
      typeof created !== 'string' ||
      typeof id !== 'string'
    )
      return null;
    return { rank, arrival, created, id };
  } catch {
    return null;
  }
}
