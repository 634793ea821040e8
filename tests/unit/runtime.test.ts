import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the Node the project pins (24 or later, type stripping, node:sqlite)', async () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(24);
    const { DatabaseSync } = await import('node:sqlite');
    expect(typeof DatabaseSync).toBe('function');
  });
});
