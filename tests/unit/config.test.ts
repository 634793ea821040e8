import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('configuration in production', () => {
  const production = {
    NODE_ENV: 'production',
    PAXSCREEN_CREDENTIALS: '/etc/paxscreen/credentials.json',
    PAXSCREEN_WATCHLISTS: '/srv/lists/national.jsonl',
  };

  it('requires the audit key, naming it', () => {
    expect(() => loadConfig(production)).toThrow(/PAXSCREEN_AUDIT_KEY: required with NODE_ENV=production/);
  });

  it('requires the watch-lists to be named, and refuses the demo list', () => {
    const { PAXSCREEN_WATCHLISTS: _named, ...unnamed } = production;
    expect(() => loadConfig({ ...unnamed, PAXSCREEN_AUDIT_KEY: 'a'.repeat(32) })).toThrow(
      /PAXSCREEN_WATCHLISTS: required with NODE_ENV=production/,
    );
    expect(() =>
      loadConfig({
        ...production,
        PAXSCREEN_AUDIT_KEY: 'a'.repeat(32),
        PAXSCREEN_WATCHLISTS: 'fixtures/watchlists/demo.jsonl',
      }),
    ).toThrow(/demo watch-list/);
    expect(
      loadConfig({ ...production, PAXSCREEN_AUDIT_KEY: 'a'.repeat(32), PAXSCREEN_WATCHLISTS: '' }).watchlistFiles,
    ).toEqual([]);
  });

  it('refuses a short audit key', () => {
    expect(() => loadConfig({ ...production, PAXSCREEN_AUDIT_KEY: 'short' })).toThrow(/PAXSCREEN_AUDIT_KEY/);
  });

  it('starts with a key of 32 characters or more; development needs none', () => {
    expect(loadConfig({ ...production, PAXSCREEN_AUDIT_KEY: 'a'.repeat(32) }).auditKey).toBe('a'.repeat(32));
    expect(loadConfig({}).auditKey).toBeNull();
  });
});

describe('durability setting', () => {
  it('is NORMAL unless FULL is asked for, and refuses anything else', () => {
    expect(loadConfig({}).synchronous).toBe('NORMAL');
    expect(loadConfig({ PAXSCREEN_SYNCHRONOUS: 'FULL' }).synchronous).toBe('FULL');
    expect(() => loadConfig({ PAXSCREEN_SYNCHRONOUS: 'OFF' })).toThrow(/PAXSCREEN_SYNCHRONOUS/);
  });
});

describe('the soak chaos switch', () => {
  it('is refused in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        PAXSCREEN_CREDENTIALS: '/etc/c.json',
        PAXSCREEN_WATCHLISTS: '',
        PAXSCREEN_AUDIT_KEY: 'a'.repeat(32),
        PAXSCREEN_CHAOS_KILL_WORKER_MS: '1000',
      }),
    ).toThrow(/PAXSCREEN_CHAOS_KILL_WORKER_MS/);
    expect(loadConfig({ PAXSCREEN_CHAOS_KILL_WORKER_MS: '1000' }).chaosKillWorkerMs).toBe(1000);
  });
});
