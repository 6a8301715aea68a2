-- Lengths of a document's names, so the embedded engine orders name matches by closeness (the shorter the
-- name holding the query, the closer the match) without scoring every match. Documents are rebuilt at the
-- next start (the document version changed), which fills them.
ALTER TABLE search_docs ADD COLUMN nameLength INTEGER NOT NULL DEFAULT 0;
ALTER TABLE search_docs ADD COLUMN nameEnLength INTEGER NOT NULL DEFAULT 0;
