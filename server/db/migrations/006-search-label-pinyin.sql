-- The embedded index gains a column for the pinyin of the labels a listing carries (its county, industry fields,
-- kind, category…), searched below the pinyin of its name. FTS5 tables take no new column, so the table is made
-- again; the documents are rebuilt at the next start (the document version changed), which fills it.
DROP TABLE IF EXISTS search_fts_next;
DROP TABLE IF EXISTS search_docs_next;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, keywords, summary, pinyin, labelpinyin,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
DELETE FROM search_docs;
INSERT INTO search_changes (docId) VALUES (-1);
