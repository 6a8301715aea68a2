import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/audit-log.js';
import { UserService } from '../../server/auth/users.js';
import { openDatabase, type Db } from '../../server/db/connection.js';
import { migrate } from '../../server/db/migrate.js';
import { ROOT } from '../../server/core/paths.js';
import { tempDir } from '../helpers/context.js';

let dir: { dir: string; remove: () => void };
let dbPath: string;
beforeAll(() => {
  dir = tempDir();
  dbPath = join(dir.dir, 'users.db');
});
afterAll(() => dir.remove());

/** `npm run user -- ARGS` with the password lines on stdin (not a terminal). */
function runUser(args: string[], input: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'user.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: dbPath, SEED: 'off' },
  });
}

function withDb<T>(fn: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  migrate(db);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('npm run user', () => {
  it('when an editor is added with the password on stdin, then that account signs in with it', async () => {
    const res = runUser(['add', 'zhang.wei', '--role', 'editor'], '一个很长的密码 with spaces\n一个很长的密码 with spaces\n');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('added editor zhang.wei');
    const db = openDatabase(dbPath);
    try {
      const users = new UserService(db, new AuditLog(db));
      const auth = await users.authenticate('zhang.wei', '一个很长的密码 with spaces');
      expect(auth).toMatchObject({ ok: true, user: { role: 'editor' } });
      expect(db.prepare('SELECT passwordHash FROM users').pluck().get()).toMatch(/^\$argon2id\$/);
    } finally {
      db.close();
    }
  });

  it('when the two passwords differ or are too short, then nothing is created and the reason is printed', () => {
    const differ = runUser(['add', 'li.na', '--role', 'admin'], 'first password!!\nsecond password!\n');
    expect(differ.status).toBe(2);
    expect(differ.stderr).toContain('the two passwords differ');
    const short = runUser(['add', 'li.na', '--role', 'admin'], 'short\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('password at least 10 characters');
    expect(withDb((db) => db.prepare("SELECT count(*) FROM users WHERE username = 'li.na'").pluck().get())).toBe(0);
  });

  it('when the arguments are wrong, then it prints how to call it', () => {
    const res = runUser(['remove', 'x'], '');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('usage: npm run user -- add NAME');
  });
});
