-- Generation ids come from a counter row that a publish updates first: concurrent writers on
-- one PostgreSQL wait for each other there instead of both taking MAX(id) + 1.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters (name, value) SELECT 'generation', COALESCE(MAX(id), 0) FROM generations;
