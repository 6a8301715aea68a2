-- Needs: a firm's technical problem, the shortlist it saw, the partners it chose, and the case staff work on it.
-- The firm follows its need by reference number through a private link; only the token's hash is kept, so the
-- database (or a backup of it) does not hold working links.

CREATE TABLE needs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  tokenHash TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '[]',
  county TEXT,
  collections TEXT NOT NULL DEFAULT '[]',
  organisation TEXT NOT NULL,
  contactName TEXT NOT NULL,
  contact TEXT NOT NULL,
  lang TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'forwarded', 'in-contact', 'completed', 'closed')),
  outcome TEXT NOT NULL DEFAULT '',
  assignee TEXT,
  -- The shortlist as the firm saw it when it sent the need (JSON), and whether any entry fitted well.
  shortlist TEXT NOT NULL DEFAULT '[]',
  goodFit INTEGER NOT NULL DEFAULT 0,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL,
  closedAt TEXT,
  -- Set when the retention period of a closed need ended: its text and contact details are erased, its counts stay.
  erasedAt TEXT,
  UNIQUE (year, seq)
);
CREATE INDEX needs_status ON needs (status, createdAt);
CREATE INDEX needs_closed ON needs (closedAt) WHERE erasedAt IS NULL;
CREATE INDEX needs_month ON needs (createdAt, county, fields);

-- The partners a firm chose (at most five), with a copy of their names as they were, and when staff forwarded the need.
CREATE TABLE need_partners (
  needId INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  collection TEXT NOT NULL,
  listingId INTEGER NOT NULL,
  name TEXT NOT NULL,
  nameEn TEXT NOT NULL,
  forwardedAt TEXT,
  forwardedBy TEXT,
  PRIMARY KEY (needId, collection, listingId)
);
CREATE INDEX need_partners_listing ON need_partners (collection, listingId);

-- The steps of a case. `public` steps are shown on the firm's status page with `publicText`; `note` is for staff only.
CREATE TABLE need_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  needId INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('received', 'assigned', 'forwarded', 'status', 'note')),
  status TEXT,
  public INTEGER NOT NULL DEFAULT 0,
  publicText TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  collection TEXT,
  listingId INTEGER
);
CREATE INDEX need_events_need ON need_events (needId, id);
