/** Facts about the indexes kept in the database, such as the document version each index was built with. */
import type { Db } from '../../server/db/connection.js';

/** Reads and writes the `search_meta` table. */
export class SearchMeta {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], string>('SELECT value FROM search_meta WHERE key = ?').pluck();
    this.setStmt = db.prepare<[string, string]>('INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key);
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
}
