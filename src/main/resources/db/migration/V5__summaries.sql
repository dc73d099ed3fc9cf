-- What the pages list, written by the publish that changes it so a server reads it instead of
-- recomputing it: per tag its summary, per (tag, package) a package summary, per spec its
-- compilers as `buildcache list` prints them (a spec's own fact: its compiler nodes are its
-- dependencies). Catalog-wide counts are written at the end of an ingest.

ALTER TABLE specs ADD COLUMN compilers TEXT;

CREATE TABLE tag_summaries (
  tag TEXT PRIMARY KEY,
  stacks TEXT NOT NULL,
  packages INTEGER NOT NULL,
  specs INTEGER NOT NULL,
  platforms TEXT NOT NULL,
  oss TEXT NOT NULL,
  targets TEXT NOT NULL,
  mirror_url TEXT NOT NULL,
  signed INTEGER NOT NULL
);

CREATE TABLE package_summaries (
  tag TEXT NOT NULL,
  name TEXT NOT NULL,
  builds INTEGER NOT NULL,
  versions TEXT NOT NULL,
  compilers TEXT NOT NULL,
  oss TEXT NOT NULL,
  targets TEXT NOT NULL,
  stacks TEXT NOT NULL,
  PRIMARY KEY (tag, name)
);
CREATE INDEX package_summaries_name ON package_summaries (name);

CREATE INDEX published_generation ON published (generation);

CREATE TABLE catalog_counts (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

-- Nothing reads dependencies by the dependency's hash; the index only slowed every ingest.
DROP INDEX dependencies_dep_hash;
