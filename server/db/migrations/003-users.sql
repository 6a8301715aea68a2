-- Staff accounts of the back office and the failed sign-ins that throttle guessing.

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  passwordHash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
  disabled INTEGER NOT NULL DEFAULT 0,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL,
  lastLoginAt TEXT
);

-- One row per failed sign-in; `key` is `account:<name>` or `address:<ip>`, `at` in epoch milliseconds.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- The back office lists each collection newest change first, finds listings by name (the scan reads
-- this narrow index instead of whole rows) and counts listings untouched for a year.
CREATE INDEX platforms_updated ON platforms (updatedAt);
CREATE INDEX institutions_updated ON institutions (updatedAt);
CREATE INDEX experts_updated ON experts (updatedAt);
CREATE INDEX apartments_updated ON apartments (updatedAt);
CREATE INDEX platforms_names ON platforms (name, nameEn, updatedAt);
CREATE INDEX institutions_names ON institutions (name, nameEn, updatedAt);
CREATE INDEX experts_names ON experts (name, nameEn, updatedAt);
CREATE INDEX apartments_names ON apartments (name, nameEn, updatedAt);
