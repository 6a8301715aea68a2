-- The embedded index keeps a document's facet codes in one column, as the JSON of its `facets` (codes by facet
-- parameter), so a facet declared in a collection needs no column of its own. The table is made again, empty,
-- with the full-text rows; the documents are rebuilt at the next start (the document version changed).
DROP TABLE IF EXISTS search_fts_next;
DROP TABLE IF EXISTS search_docs_next;
DROP TABLE search_docs;
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  listingId INTEGER NOT NULL,
  facets TEXT NOT NULL,
  available INTEGER NOT NULL,
  boost INTEGER NOT NULL,
  sortName TEXT NOT NULL,
  sortNameEn TEXT NOT NULL,
  updatedAt INTEGER NOT NULL,
  nameLength INTEGER NOT NULL DEFAULT 0,
  nameEnLength INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_fts (search_fts) VALUES ('delete-all');
INSERT INTO search_changes (docId) VALUES (-1);
