package io.cachescope.web;

import io.cachescope.SourceException;
import io.cachescope.catalog.Lockfile;
import io.cachescope.query.Coverage;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Coverage as a service: an uploaded {@code spack.lock} checked against the served catalog,
 * exactly as {@code cachescope coverage --json} checks a file. The upload lives only as long as
 * the request.
 */
final class CoverageUpload {

  /** A report, or the status and one-line reason there is none. */
  record Answer(int status, Coverage coverage, String error) {}

  private CoverageUpload() {}

  static Answer answer(CatalogView view, BiFunction<byte[], String, Lockfile> reader, byte[] body, String tag,
      String host, int maxBytes) {
    if (reader == null) {
      return new Answer(404, null, "this server does not read lockfiles");
    }
    if (body.length > maxBytes) {
      return new Answer(413, null, "a lockfile of " + body.length + " bytes; the most is " + maxBytes);
    }
    if (body.length == 0 || new String(body, 0, Math.min(body.length, 64), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return new Answer(400, null, "no lockfile: send the contents of spack.lock");
    }
    Host on = null;
    if (!host.isBlank()) {
      on = ClientHost.parse(host).orElse(null);
      if (on == null) {
        return new Answer(400, null, ClientHost.error(host));
      }
    }
    List<io.cachescope.catalog.TagSummary> scope = tag.isBlank() ? view.tags() : view.tag(tag).map(List::of).orElse(null);
    if (scope == null) {
      return new Answer(400, null, "no tag " + tag + " in the catalog");
    }
    Lockfile lock;
    try {
      lock = reader.apply(body, "spack.lock");
    } catch (SourceException e) {
      return new Answer(400, null, e.getMessage());
    }
    Coverage c = Coverage.compute(lock, view.union(scope.stream().map(io.cachescope.catalog.TagSummary::name).toList(),
        lock.specs().values().stream().map(io.cachescope.catalog.ConcreteSpec::name).distinct().toList()), on,
        Microarchitectures.builtin());
    return new Answer(200, c, null);
  }
}
