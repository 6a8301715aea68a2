import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tempDir, type TestApp } from '../helpers/context.js';
import { signIn } from '../admin/helpers.js';
import { runTs, startServerProcess, type Child } from '../proof/support/child-process.js';

const ADMIN = { username: 'chief', password: 'correct horse battery staple' };

function countIn(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scheduled backups', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    const tmp = tempDir('cjd-backups-');
    dir = join(tmp.dir, 'backups');
    t = await createTestApp({ BACKUP_DIR: dir, BACKUP_EVERY: '1s', BACKUP_KEEP: '2', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(() => t.close());

  it('when the schedule runs, then a checked copy of the database appears in BACKUP_DIR and /readyz reports it', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'test-2020-01-01T00-00-00.000Z.db.partial'), 'cut short');
    t.ctx.backups!.start();
    expect(readdirSync(dir), 'a copy cut short is removed at start').toEqual([]);
    const [file] = await until('scheduled backup', () => readdirSync(dir).filter((f) => f.endsWith('Z.db')).length > 0 && readdirSync(dir));
    expect(file).toMatch(/^test-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.db$/);
    expect(countIn(join(dir, file!), 'platforms')).toBe(166);
    const ready = await request(t.app).get('/readyz').expect(200);
    expect(ready.body.backup).toMatchObject({ every: '1s', lastError: null, lastFile: expect.stringContaining('/backups/test-') });
    expect(Date.parse(ready.body.backup.lastSuccessAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('when more backups are taken than BACKUP_KEEP, then only the newest are kept, and the newest holds the latest change', async () => {
    t.ctx.listings.create('institutions', {
      name: '备份测试研究院', nameEn: 'Backup Test Institute', summary: '用于备份测试。', summaryEn: 'Used to test backups.', county: 'changji', fields: ['digital'],
      type: 'institute', location: '乌鲁木齐', locationEn: 'Urumqi', agreementYear: 2023,
    }, { actor: 'test' });
    await t.ctx.backups!.runOnce();
    const last = await t.ctx.backups!.runOnce();
    const kept = readdirSync(dir).filter((f) => f.endsWith('.db')).sort();
    expect(kept.length).toBe(2);
    expect(join(dir, kept[1]!)).toBe(last.file);
    expect(countIn(last.file, 'institutions')).toBe(10);
  });

  it('when staff open the dashboard, then it shows when the last backup succeeded and where it is', async () => {
    const status = t.ctx.backups!.status();
    const agent = await signIn(t.app, ADMIN.username, ADMIN.password);
    const page = await agent.get('/admin?lang=en').expect(200);
    expect(page.text).toContain('Last successful backup');
    expect(page.text).toContain(`${status.lastSuccessAt!.replace('T', ' ').slice(0, 19)} UTC`);
    expect(page.text).toContain(status.lastFile!);
  });

  it('when the backup folder disappears, then the failure is reported and the server stays ready', async () => {
    await t.ctx.backups!.stop();
    rmSync(dir, { recursive: true, force: true });
    await expect(t.ctx.backups!.runOnce()).rejects.toThrow(/folder .* does not exist/);
    const ready = await request(t.app).get('/readyz').expect(200);
    expect(ready.body.backup.lastError).toMatch(/does not exist/);
  });
});

describe('the dashboard without scheduled backups', () => {
  it('when BACKUP_DIR is not set, then it says backups are off and how to turn them on', async () => {
    const t = await createTestApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    try {
      const agent = await signIn(t.app, ADMIN.username, ADMIN.password);
      expect((await agent.get('/admin').expect(200)).text).toContain('未启用定时备份：请设置 BACKUP_DIR 和 BACKUP_EVERY');
    } finally {
      await t.close();
    }
  });
});

describe('npm run restore -- FILE', () => {
  const tmp = tempDir('cjd-restore-');
  const source = join(tmp.dir, 'source', 'directory.db');
  const backup = join(tmp.dir, 'directory-backup.db');
  const children: Child[] = [];

  beforeAll(async () => {
    mkdirSync(join(tmp.dir, 'source'));
    const server = await startServerProcess({ DATABASE_PATH: source });
    children.push(server);
    const run = runTs('scripts/backup.ts', [backup], { DATABASE_PATH: source });
    expect(await run.exited(), run.stderr()).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop('SIGKILL')));
    tmp.remove();
  });

  it('when restored into an empty data folder, then it is checked, put in place, and a server serves it', async () => {
    const target = join(tmp.dir, 'fresh', 'data', 'directory.db');
    const run = runTs('scripts/restore.ts', [backup], { DATABASE_PATH: target });
    expect(await run.exited(), run.stderr()).toBe(0);
    expect(run.lines.join('\n')).toMatch(/^restored .*directory-backup\.db to .*fresh\/data\/directory\.db \(integrity ok; platforms 166, institutions 9, experts 120, apartments \d+\)$/);
    const server = await startServerProcess({ DATABASE_PATH: target, SEED: 'off' });
    children.push(server);
    const res = await fetch(`${server.baseUrl}/api/platforms?perPage=1`);
    expect(((await res.json()) as { total: number }).total).toBe(166);
  }, 60_000);

  it('when a database is already there, then it refuses and changes nothing', async () => {
    const run = runTs('scripts/restore.ts', [backup], { DATABASE_PATH: source });
    expect(await run.exited()).toBe(1);
    expect(run.stderr().trim()).toMatch(/^restore failed: .*source\/directory\.db, .*-wal.* already exists: stop the server and move the old database/);
  });

  it('when the file is not a sound database, then it refuses and leaves the data folder empty', async () => {
    const broken = join(tmp.dir, 'broken.db');
    writeFileSync(broken, 'SQLite format 3\0' + 'x'.repeat(5000));
    const target = join(tmp.dir, 'empty', 'directory.db');
    const run = runTs('scripts/restore.ts', [broken], { DATABASE_PATH: target });
    expect(await run.exited()).toBe(1);
    expect(run.stderr().trim()).toMatch(/^restore failed: the copy cannot be read as a database: /);
    expect(readdirSync(join(tmp.dir, 'empty'))).toEqual([]);
  });

  it('when given no file, or one that does not exist, then it says how to use it', async () => {
    const none = runTs('scripts/restore.ts', [], {});
    expect(await none.exited()).toBe(2);
    expect(none.stderr().trim()).toMatch(/^usage: npm run restore -- FILE/);
    const missing = runTs('scripts/restore.ts', [join(tmp.dir, 'nothing.db')], { DATABASE_PATH: join(tmp.dir, 'x', 'd.db') });
    expect(await missing.exited()).toBe(1);
    expect(missing.stderr().trim()).toMatch(/^restore failed: no backup file at .*nothing\.db$/);
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false);
  });
});
