/** A real app on a temporary database, for tests that drive it in process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/core/config.js';
import { buildContext, type AppContext, type ContextOptions } from '../../server/context.js';

export interface TestApp {
  app: Express;
  ctx: AppContext;
  dir: string;
  close(): Promise<void>;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'cjd-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds the app on a new database; seeded unless `SEED: 'off'` is given; logs nothing unless `LOG_LEVEL` is given. */
export async function createTestApp(env: Record<string, string> = {}, options: ContextOptions = {}): Promise<TestApp> {
  const { dir, remove } = tempDir();
  const config: Config = loadConfig({ DATABASE_PATH: join(dir, 'test.db'), SEED: 'auto', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', ...env });
  const ctx = await buildContext(config, options);
  const app = createApp(ctx);
  return {
    app,
    ctx,
    dir,
    async close() {
      await ctx.close();
      remove();
    },
  };
}
