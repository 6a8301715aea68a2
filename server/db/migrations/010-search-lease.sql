-- Leases held by one process at a time over the whole machine, such as the right to rebuild the Meilisearch
-- index (the server and `npm run reindex` share the database, not their memory). A lease names its owner and
-- ends at expiresAt unless renewed, so a holder that dies frees it.
CREATE TABLE search_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  acquiredAt INTEGER NOT NULL,
  expiresAt INTEGER NOT NULL
);
