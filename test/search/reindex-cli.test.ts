import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../server/core/paths.js';
import { createTestApp } from '../helpers/context.js';

describe('npm run reindex', () => {
  it('when run on a seeded database without a terminal, then it prints progress lines and agreeing counts, and exits 0', async () => {
    const t = await createTestApp();
    const dbPath = join(t.dir, 'test.db');
    const active = ['platforms', 'institutions', 'experts', 'apartments'].reduce((n, c) => n + t.ctx.listings.repo(c).count('active'), 0);
    await t.ctx.close();
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reindex.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: dbPath, MEILI_HOST: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`reindex sqlite: ${active}/${active} \\(100%\\)`));
      expect(run.stdout).toMatch(new RegExp(`reindex: ${active} active listings; sqlite ${active} \\(\\d+ ms\\)`));
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it('when the environment is bad, then it stops with the one-line message', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reindex.ts'], {
      cwd: ROOT,
      env: { ...process.env, SEED: 'maybe' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('invalid environment: SEED must be "auto" or "off" (got "maybe")');
  });
});
