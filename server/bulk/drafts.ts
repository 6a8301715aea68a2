/** Files that passed a dry run, kept for a while for the session that checked them, so they import without a second upload. */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';

/** How long a checked file waits for its import: long enough to read the report, short enough not to pile up. */
export const DRAFT_TTL_MS = 30 * 60 * 1000;

/** A kept file, as the import reads an upload. */
export interface DraftFile {
  originalname: string;
  buffer: Buffer;
}

export class ImportDrafts {
  constructor(private readonly db: Db) {}

  /** Keeps a checked file for `sessionId`; returns its content hash, which names it in the import form. */
  keep(sessionId: string, collection: string, file: DraftFile, now = Date.now()): string {
    const hash = createHash('sha256').update(file.buffer).digest('hex');
    inTransaction(this.db, () => {
      this.db.prepare('DELETE FROM import_drafts WHERE expiresAt <= ? OR (sessionId = ? AND collection = ?)').run(new Date(now).toISOString(), sessionId, collection);
      this.db
        .prepare('INSERT INTO import_drafts (sessionId, collection, hash, fileName, content, expiresAt) VALUES (?, ?, ?, ?, ?, ?)')
        .run(sessionId, collection, hash, file.originalname, file.buffer, new Date(now + DRAFT_TTL_MS).toISOString());
    });
    return hash;
  }

  /** The file this session checked with this hash, if it has not expired (its content is checked against the hash). */
  find(sessionId: string, collection: string, hash: string, now = Date.now()): DraftFile | undefined {
    const row = this.db
      .prepare<[string, string, string, string], { fileName: string; content: Buffer }>('SELECT fileName, content FROM import_drafts WHERE sessionId = ? AND collection = ? AND hash = ? AND expiresAt > ?')
      .get(sessionId, collection, hash, new Date(now).toISOString());
    if (!row || createHash('sha256').update(row.content).digest('hex') !== hash) return undefined;
    return { originalname: row.fileName, buffer: row.content };
  }

  /** Forgets a session's kept file of a collection (after its import). */
  drop(sessionId: string, collection: string): void {
    this.db.prepare('DELETE FROM import_drafts WHERE sessionId = ? AND collection = ?').run(sessionId, collection);
  }
}
