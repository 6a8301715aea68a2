-- The four collections, their audit trail, inquiries from the public site, sessions and settings.
-- Column names are the JSON names of the contract; lists are JSON arrays in TEXT columns.

CREATE TABLE platforms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, nameEn TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', summaryEn TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
  kind TEXT NOT NULL, level TEXT, host TEXT NOT NULL DEFAULT '', hostEn TEXT NOT NULL DEFAULT '',
  location TEXT, locationEn TEXT, established INTEGER,
  source TEXT NOT NULL CHECK (source IN ('report-2022', 'sample', 'staff')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE institutions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, nameEn TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', summaryEn TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
  type TEXT NOT NULL, location TEXT NOT NULL DEFAULT '', locationEn TEXT NOT NULL DEFAULT '', agreementYear INTEGER,
  source TEXT NOT NULL CHECK (source IN ('report-2022', 'sample', 'staff')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE experts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, nameEn TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', summaryEn TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
  category TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', titleEn TEXT NOT NULL DEFAULT '',
  affiliation TEXT NOT NULL DEFAULT '', affiliationEn TEXT NOT NULL DEFAULT '',
  institutionId INTEGER REFERENCES institutions (id) ON DELETE SET NULL,
  expertise TEXT NOT NULL DEFAULT '[]', expertiseEn TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL CHECK (source IN ('report-2022', 'sample', 'staff')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX experts_institution ON experts (institutionId);

CREATE TABLE apartments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, nameEn TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', summaryEn TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
  kind TEXT NOT NULL, township TEXT NOT NULL, townshipEn TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '', addressEn TEXT NOT NULL DEFAULT '',
  units INTEGER NOT NULL, availableUnits INTEGER NOT NULL, areaSqm INTEGER,
  furnished INTEGER NOT NULL DEFAULT 1, monthlyRent INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL CHECK (source IN ('report-2022', 'sample', 'staff')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
  CHECK (availableUnits <= units)
);

-- Who changed what: written in the same transaction as the change.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  collection TEXT,
  listingId INTEGER,
  before TEXT,
  after TEXT,
  detail TEXT
);
CREATE INDEX audit_log_listing ON audit_log (collection, listingId);
CREATE INDEX audit_log_at ON audit_log (at);

-- Contact requests sent from the public listing pages.
CREATE TABLE inquiries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT NOT NULL,
  listingId INTEGER NOT NULL,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'answered', 'closed')),
  note TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL DEFAULT 'zh',
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
);
CREATE INDEX inquiries_status ON inquiries (status, createdAt);

CREATE TABLE sessions (
  sid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  expiresAt INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expiresAt);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
