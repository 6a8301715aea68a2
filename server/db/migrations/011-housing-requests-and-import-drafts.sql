-- Housing requests arrive in the same inbox as cooperation requests, with the units wanted and the date of arrival.
ALTER TABLE inquiries ADD COLUMN kind TEXT NOT NULL DEFAULT 'cooperation' CHECK (kind IN ('cooperation', 'housing'));
ALTER TABLE inquiries ADD COLUMN unitsWanted INTEGER;
ALTER TABLE inquiries ADD COLUMN arrival TEXT;

-- A file that passed its dry run, kept for its session so staff import it without choosing it again.
CREATE TABLE import_drafts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sessionId TEXT NOT NULL,
  collection TEXT NOT NULL,
  hash TEXT NOT NULL,
  fileName TEXT NOT NULL,
  content BLOB NOT NULL,
  expiresAt TEXT NOT NULL
);
CREATE INDEX import_drafts_lookup ON import_drafts (sessionId, collection, hash);
CREATE INDEX import_drafts_expiry ON import_drafts (expiresAt);
