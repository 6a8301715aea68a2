-- The embedded search index, its change log, and the outbox of index jobs for Meilisearch.

-- Filter, facet and sort attributes of every indexed (active) listing. id = listingId * 16 + collection order,
-- the same number as the rowid of its full-text row.
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  listingId INTEGER NOT NULL,
  county TEXT NOT NULL,
  fields TEXT NOT NULL,
  kind TEXT,
  level TEXT,
  type TEXT,
  category TEXT,
  available INTEGER NOT NULL,
  boost INTEGER NOT NULL,
  sortName TEXT NOT NULL,
  sortNameEn TEXT NOT NULL,
  updatedAt INTEGER NOT NULL
);

-- Chinese as bigrams, Latin words folded, pinyin of the name; contentless (the listing tables hold the text).
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, keywords, summary, pinyin,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Every write to the index, so a process sees what another process changed without reloading everything.
-- docId -1 stands for "everything changed" (a cleared index).
CREATE TABLE search_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  docId INTEGER NOT NULL
);

CREATE TABLE search_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Index jobs for an external engine, written in the same transaction as the listing change. A job names the
-- listing only: the worker indexes the listing as it is when the job runs, so replaying a job is harmless.
-- Done jobs are kept a day so a rebuild can replay what changed while it ran.
CREATE TABLE index_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT NOT NULL,
  listingId INTEGER NOT NULL,
  createdAt INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  nextAttemptAt INTEGER NOT NULL DEFAULT 0,
  lastError TEXT,
  doneAt INTEGER
);
CREATE INDEX index_jobs_pending ON index_jobs (nextAttemptAt, seq) WHERE doneAt IS NULL;
CREATE INDEX index_jobs_done ON index_jobs (doneAt) WHERE doneAt IS NOT NULL;
