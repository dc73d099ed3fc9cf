package io.cachescope.web;

import io.cachescope.catalog.ConcreteSpec;
import java.util.List;

/**
 * One row of a builds table, everything the template shows computed once.
 *
 * @param versionRank the version's place in Spack's order among the package's versions (for sorting)
 * @param releases the tags that hold it (shown on the page across releases; empty otherwise)
 */
public record BuildRow(ConcreteSpec spec, int versionRank, String compiler, List<String> variants, List<String> stacks,
    List<String> releases, InstallSteps install) {

  public String shortHash() {
    return spec.hash().substring(0, Math.min(7, spec.hash().length()));
  }
}
