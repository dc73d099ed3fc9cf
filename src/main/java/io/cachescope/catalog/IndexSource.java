package io.cachescope.catalog;

import java.time.Instant;

/**
 * Provenance of one index that was read: where, in which layout and database version, and the
 * checksum or ETag that tells a later run whether it changed.
 *
 * @param url the index file or manifest that was read (or the spec-file directory when a mirror
 *     has no index)
 * @param databaseVersion the index {@code database.version}, or 0 when specs came from spec files
 * @param checksum sha256 of the index bytes, or null
 * @param etag the HTTP ETag (or file stamp), or null
 * @param records how many records the index holds
 */
public record IndexSource(
    String url,
    Layout layout,
    int databaseVersion,
    String checksum,
    String etag,
    int records,
    Instant fetchedAt) {

  public IndexSource {
    url = io.cachescope.Secrets.redact(url); // provenance is shown and stored: never credentials
  }
}
