-- The catalog: one row per spec (shared by every tag and stack that holds it), its dependency
-- edges, and per (tag, stack) generations of index contents; `published` says which generation
-- readers see, so an ingest writes new rows and switches in one transaction.
-- Plain SQL that SQLite and PostgreSQL both accept.

CREATE TABLE tags (
  name TEXT PRIMARY KEY,
  snapshot_date TEXT,
  position INTEGER NOT NULL
);

CREATE TABLE specs (
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  namespace TEXT,
  platform TEXT,
  os TEXT,
  target TEXT,
  legacy_compiler TEXT,
  variants TEXT NOT NULL,
  flags TEXT NOT NULL,
  external INTEGER NOT NULL,
  external_path TEXT,
  specfile_version INTEGER NOT NULL,
  layouts INTEGER NOT NULL,
  tarball_size BIGINT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX specs_name ON specs (name);

CREATE TABLE dependencies (
  hash TEXT NOT NULL,
  position INTEGER NOT NULL,
  dep_name TEXT NOT NULL,
  dep_hash TEXT NOT NULL,
  deptypes INTEGER NOT NULL,
  virtuals TEXT NOT NULL,
  PRIMARY KEY (hash, position)
);
CREATE INDEX dependencies_dep_hash ON dependencies (dep_hash);

CREATE TABLE generations (
  id BIGINT PRIMARY KEY,
  tag TEXT NOT NULL,
  stack TEXT NOT NULL,
  url TEXT NOT NULL,
  fingerprint TEXT,
  sources TEXT NOT NULL,
  warnings TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE memberships (
  generation BIGINT NOT NULL,
  hash TEXT NOT NULL,
  in_buildcache INTEGER NOT NULL,
  PRIMARY KEY (generation, hash)
);
CREATE INDEX memberships_hash ON memberships (hash);

CREATE TABLE published (
  tag TEXT NOT NULL,
  stack TEXT NOT NULL,
  position INTEGER NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tag, stack)
);
