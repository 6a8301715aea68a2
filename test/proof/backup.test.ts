import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import { tempDir } from '../helpers/context.js';
import { getJson, runTs, startServerProcess, type Child, type ServerChild } from './support/child-process.js';
import { parseAcks, type Ack } from './support/writer.js';

type Row = { id: number; version: number; status: string };

const tmp = tempDir('cjd-backup-');
const dbPath = join(tmp.dir, 'directory.db');
const backupFile = join(tmp.dir, 'backup.db');
const children: Child[] = [];

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  tmp.remove();
});

function rowsOf(file: string): Map<string, Row> {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = new Map<string, Row>();
    for (const c of COLLECTION_NAMES) {
      for (const row of db.prepare(`SELECT id, version, status FROM ${c}`).all() as Row[]) rows.set(`${c}/${row.id}`, row);
    }
    return rows;
  } finally {
    db.close();
  }
}

describe('npm run backup -- FILE', () => {
  let server: ServerChild;
  let acked: Ack[];
  let output: string[];

  beforeAll(async () => {
    server = await startServerProcess({ DATABASE_PATH: dbPath });
    children.push(server);
    const writer = runTs('test/proof/support/writer.ts', ['--tag', 'b', '--seed', '7', '--count', '50000'], { DATABASE_PATH: dbPath });
    children.push(writer);
    await writer.waitUntil((lines) => lines.length > 50, 'fifty acknowledged writes');

    acked = parseAcks(writer.lines);
    const backup = runTs('scripts/backup.ts', [backupFile], { DATABASE_PATH: dbPath });
    children.push(backup);
    // The server keeps answering while the copy is taken.
    for (let i = 0; i < 20 && backup.proc.exitCode === null; i++) {
      expect(await getJson(server.baseUrl, '/api/platforms/1')).toMatchObject({ id: 1 });
    }
    expect(await backup.exited(), backup.stderr()).toBe(0);
    output = backup.lines;
    const moreAcks = writer.lines.length;
    await writer.stop();
    expect(moreAcks, 'the writer kept writing during the backup').toBeGreaterThan(acked.length);
  }, 60_000);

  it('when a backup is taken while the server serves and writes happen, then it says what it wrote', () => {
    expect(output.join('\n')).toMatch(new RegExp(`^backup written to ${backupFile} \\(.* MB in \\d+ ms; integrity ok; platforms \\d+, institutions \\d+, experts \\d+, apartments \\d+\\)$`));
  });

  it('when the backup is opened, then it passes the integrity check and holds every seed and every write acknowledged before it began', () => {
    const rows = rowsOf(backupFile);
    expect(rows.size).toBeGreaterThanOrEqual(390);
    for (const ack of acked) {
      const row = rows.get(`${ack.collection}/${ack.id}`);
      expect(row, `${ack.op} ${ack.collection}/${ack.id}`).toBeDefined();
      expect(row!.version).toBeGreaterThanOrEqual(ack.version);
    }
  });

  it('when the backup is restored as the database of a new server, then every listing is served as it was saved', async () => {
    const restoredPath = join(tmp.dir, 'restored', 'directory.db');
    mkdirSync(dirname(restoredPath));
    copyFileSync(backupFile, restoredPath);
    const restored = await startServerProcess({ DATABASE_PATH: restoredPath });
    children.push(restored);
    const rows = rowsOf(backupFile);
    for (const [key, row] of rows) {
      const res = await fetch(`${restored.baseUrl}/api/${key}`);
      expect(res.status, key).toBe(row.status === 'active' ? 200 : 404);
      if (res.ok) expect(((await res.json()) as Row).version, key).toBe(row.version);
    }
  }, 60_000);
});

describe('npm run backup with bad arguments', () => {
  it.each([
    ['no file', [], 2, /^usage: npm run backup -- FILE/],
    ['a missing folder', [join(tmp.dir, 'nowhere', 'b.db')], 1, /^backup failed: cannot write .*folder .*nowhere does not exist$/],
    ['the database itself', [dbPath], 1, /^backup failed: the backup file must not be the database itself$/],
  ])('when given %s, then it exits with one clear line', async (_what, args, code, message) => {
    const run = runTs('scripts/backup.ts', args as string[], { DATABASE_PATH: dbPath });
    expect(await run.exited()).toBe(code);
    expect(run.stderr().trim()).toMatch(message);
  });

  it('when the database does not exist, then it says so and creates nothing', async () => {
    const run = runTs('scripts/backup.ts', [join(tmp.dir, 'x.db')], { DATABASE_PATH: join(tmp.dir, 'missing.db') });
    expect(await run.exited()).toBe(1);
    expect(run.stderr().trim()).toMatch(/^backup failed: no database at .*missing\.db \(set DATABASE_PATH\)$/);
    expect(existsSync(join(tmp.dir, 'missing.db'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'x.db'))).toBe(false);
  });
});
