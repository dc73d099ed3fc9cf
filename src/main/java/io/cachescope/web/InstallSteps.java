package io.cachescope.web;

import java.util.ArrayList;
import java.util.List;

/**
 * How to install one thing from one mirror, one command per step and never chained: {@code
 * spack mirror add} fails when run twice, and a chain hides which step failed. Every value is
 * shell-quoted; what a copy button copies is the command shown.
 */
public record InstallSteps(List<Step> steps) {

  /** One step: what it does, and its command. */
  public record Step(String purpose, String command) {}

  public InstallSteps {
    steps = List.copyOf(steps);
  }

  /** The steps for {@code spec}: {@code /<hash>}, {@code name@version} or a package name. */
  static InstallSteps of(Mirror mirror, String spec) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("Add the mirror", "spack mirror add " + (mirror.signed() ? "" : "--unsigned ")
        + Shell.quote(mirror.name()) + " " + Shell.quote(mirror.url())));
    if (mirror.signed()) {
      steps.add(new Step("Trust its signing keys", "spack buildcache keys --install --trust"));
    }
    steps.add(new Step("Install", "spack install " + Shell.quote(spec)));
    return new InstallSteps(steps);
  }
}
