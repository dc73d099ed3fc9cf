package io.cachescope.cli;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Layout;
import io.cachescope.render.BuildcacheList;
import io.cachescope.render.SpecFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One spec in {@code list --json}; the schema is documented in the README. */
record ListedSpec(
    String hash,
    String name,
    String version,
    String namespace,
    String platform,
    String os,
    String target,
    String compilers,
    List<String> variants,
    boolean external,
    boolean inBuildcache,
    List<String> layouts,
    Long size,
    String signature) {

  static ListedSpec of(ConcreteSpec s, Function<String, ConcreteSpec> lookup) {
    List<String> layouts = new ArrayList<>();
    for (Layout l : Layout.values()) {
      if (s.inLayout(l)) {
        layouts.add(l.label());
      }
    }
    return new ListedSpec(
        s.hash(),
        s.name(),
        s.version(),
        s.namespace(),
        s.platform(),
        s.os(),
        s.target(),
        BuildcacheList.compilers(s, lookup),
        s.variants().stream().map(v -> SpecFormat.variant(v, SpecFormat.Style.SPACK_1)).toList(),
        s.external(),
        s.inBuildcache(),
        layouts,
        s.tarballSize() >= 0 ? s.tarballSize() : null,
        s.signature().label());
  }
}
