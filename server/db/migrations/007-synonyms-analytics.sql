-- Synonym rules that staff maintain, and the daily counts of public searches.

-- `equivalent`: every term finds the others; `oneway`: terms[0] also finds terms[1..]. `terms` is a JSON array
-- of normalised terms (NFKC, trimmed, Latin lower-cased).
CREATE TABLE synonyms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('equivalent', 'oneway')),
  terms TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- One row: a counter that every change of a rule moves (the triggers below, so no write path can forget it),
-- which lets a search process see in one read whether its kept rules are current; and when the default list
-- was loaded, so that it is loaded once and never over staff edits.
CREATE TABLE synonyms_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  defaultsLoadedAt TEXT
);
INSERT INTO synonyms_state (id, version, defaultsLoadedAt) VALUES (1, 0, NULL);

CREATE TRIGGER synonyms_inserted AFTER INSERT ON synonyms BEGIN
  UPDATE synonyms_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER synonyms_updated AFTER UPDATE ON synonyms BEGIN
  UPDATE synonyms_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER synonyms_deleted AFTER DELETE ON synonyms BEGIN
  UPDATE synonyms_state SET version = version + 1 WHERE id = 1;
END;

-- Public searches per day (Asia/Shanghai) and normalised query. Nothing here identifies a visitor: no address,
-- no cookie, no account, no user agent, no time finer than the day.
CREATE TABLE search_queries (
  day TEXT NOT NULL,
  query TEXT NOT NULL,
  searches INTEGER NOT NULL,
  zeroResults INTEGER NOT NULL,
  lastTotal INTEGER NOT NULL,
  PRIMARY KEY (day, query)
) WITHOUT ROWID;
