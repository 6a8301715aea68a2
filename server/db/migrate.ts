/** Applies the numbered .sql migrations once each, in order. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../core/paths.js';
import type { Db } from './connection.js';

/** Applies every migration not yet recorded; returns the names applied now. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)');
  const done = new Set(db.prepare<[], string>('SELECT name FROM schema_migrations').pluck().all());
  const files = readdirSync(dir).filter((f) => /^\d{3}-.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, appliedAt) VALUES (?, ?)').run(file, new Date().toISOString());
    }).immediate();
    applied.push(file);
  }
  return applied;
}
