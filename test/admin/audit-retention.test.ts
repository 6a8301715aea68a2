import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/core/config.js';
import { buildContext } from '../../server/context.js';
import { tempDir, type TestApp } from '../helpers/context.js';
import { createAdminApp, signIn } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createAdminApp();
});
afterAll(() => t.close());

const YEAR_MS = 365 * 86_400_000;

function addEntry(db: TestApp['ctx']['db'], at: Date, detail: string): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(at.toISOString(), 'chief', 'reindex', detail);
}

function archived(dir: string): Record<string, unknown>[] {
  const folder = join(dir, 'audit-archive');
  return readdirSync(folder).flatMap((file) => readFileSync(join(folder, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
}

describe('audit retention', () => {
  it('when entries are older than two years, then they are written to a file under the data folder and pruned', async () => {
    for (let i = 0; i < 2500; i++) addEntry(t.ctx.db, new Date(Date.now() - 3 * YEAR_MS + i * 1000), `old entry ${i}`);
    addEntry(t.ctx.db, new Date(Date.now() - YEAR_MS), 'last year');
    const result = await t.ctx.auditRetention.prune();
    expect(result.archived).toBe(2500);
    expect(result.file!.startsWith(join(t.dir, 'audit-archive'))).toBe(true);
    const file = archived(t.dir);
    expect(file).toHaveLength(2500);
    expect(file[0]).toMatchObject({ actor: 'chief', action: 'reindex', detail: 'old entry 0' });
    expect(file.at(-1)).toMatchObject({ detail: 'old entry 2499' });
    expect(t.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE detail LIKE 'old entry %'").pluck().get()).toBe(0);
    const admin = await signIn(t.app);
    const page = await admin.get('/admin/audit?action=reindex').expect(200);
    expect(page.text).toContain('last year');
    expect(page.text).not.toContain('old entry');
  });

  it('when the server starts on a database with old entries, then it prunes them; with AUDIT_RETENTION_DAYS=0 it keeps them', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'directory.db');
      const keepAll = await buildContext(loadConfig({ DATABASE_PATH: path, SEED: 'off', AUDIT_RETENTION_DAYS: '0' }));
      addEntry(keepAll.db, new Date(Date.now() - 800 * 86_400_000), 'from long ago');
      expect((await keepAll.auditRetention.prune()).archived).toBe(0);
      await keepAll.close();
      const pruning = await buildContext(loadConfig({ DATABASE_PATH: path, SEED: 'off', AUDIT_RETENTION_DAYS: '365' }));
      await pruning.auditRetention.close();
      expect(pruning.db.prepare("SELECT count(*) FROM audit_log WHERE detail = 'from long ago'").pluck().get()).toBe(0);
      expect(archived(dir).map((row) => row.detail)).toEqual(['from long ago']);
      await pruning.close();
    } finally {
      remove();
    }
  });

  it('when AUDIT_RETENTION_DAYS is not a number of days, then loading fails with one line naming it', () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: 'two years' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: 'two years' })).toThrow(/^invalid environment: AUDIT_RETENTION_DAYS must be a whole number of days/);
    expect(loadConfig({}).AUDIT_RETENTION_DAYS).toBe(730);
  });
});
