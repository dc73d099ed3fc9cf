-- What a mirror says of a spec (in the cache, layouts, tarball size, signature) belongs to the
-- (generation, hash) membership, not to the spec: the same hash can be signed in one stack and
-- not in another. Specs gain package_hash, one of Spack's sort keys for `list`.

ALTER TABLE memberships ADD COLUMN layouts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN tarball_size BIGINT NOT NULL DEFAULT -1;
ALTER TABLE memberships ADD COLUMN signature TEXT NOT NULL DEFAULT 'UNSIGNED';

UPDATE memberships SET
  layouts = (SELECT s.layouts FROM specs s WHERE s.hash = memberships.hash),
  tarball_size = (SELECT s.tarball_size FROM specs s WHERE s.hash = memberships.hash),
  signature = (SELECT s.signature FROM specs s WHERE s.hash = memberships.hash)
WHERE EXISTS (SELECT 1 FROM specs s WHERE s.hash = memberships.hash);

ALTER TABLE specs DROP COLUMN layouts;
ALTER TABLE specs DROP COLUMN tarball_size;
ALTER TABLE specs DROP COLUMN signature;
ALTER TABLE specs ADD COLUMN package_hash TEXT;

-- Fingerprints now cover the read options; forget the old ones so the next ingest reads again.
UPDATE generations SET fingerprint = NULL;

-- The record's place in its index: `list` keeps the index's order among builds Spack ranks equal.
ALTER TABLE memberships ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
