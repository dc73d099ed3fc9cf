package io.cachescope.cli;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.SpecFormat;
import java.util.ArrayList;
import java.util.List;

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
    String signature,
    String signer) {

  static ListedSpec of(ConcreteSpec s, Union all) {
    Membership held = all.membership(s.hash());
    List<String> layouts = new ArrayList<>();
    for (Layout l : Layout.values()) {
      if (held.inLayout(l)) {
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
        SpecFormat.compilers(s, all::get),
        s.variants().stream().map(v -> SpecFormat.variant(v, SpecFormat.Style.SPACK_1)).toList(),
        s.external(),
        held.inBuildcache(),
        layouts,
        held.tarballSize() >= 0 ? held.tarballSize() : null,
        held.signatureLabel(),
        held.signer());
  }
}
