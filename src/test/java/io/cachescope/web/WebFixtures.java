package io.cachescope.web;

import io.cachescope.Fixtures;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.Variant;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A catalog for the web tests: Spack's fixture mirror, plus a tag holding a hostile spec. */
final class WebFixtures {
  private WebFixtures() {}

  static final String HOSTILE_NAME = "<script>alert(1)</script>";
  static final String HOSTILE_HASH = "h0st1leh0st1leh0st1leh0st1leh0st";

  static Catalog catalog() {
    Catalog real = new CatalogReader(MirrorReader.Options.defaults(), w -> {})
        .read(Sources.ofMirrors(List.of(Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString()), null));
    Tag mirror = real.tags().get(0);
    ConcreteSpec evil = new ConcreteSpec(HOSTILE_HASH, HOSTILE_NAME, "1.0\"'><b>x</b>", "builtin", "linux", "ubuntu22.04",
        "x86_64_v3", null,
        List.of(Variant.single("quote", "a\"b'c"), Variant.single("script", "</script><script>alert(2)</script>")),
        Map.of(), List.of(), false, null, 5, null);
    Tag hostile = new Tag("develop-2025-01-05", List.of(io.cachescope.Specs.stack("root", evil)));
    List<Tag> tags = new ArrayList<>(List.of(new Tag("develop-2025-03-30", mirror.stacks()), hostile));
    return new Catalog(tags);
  }
}
