package io.cachescope.query;

import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A machine binaries should install on: platform, OS (as Spack names it: {@code ubuntu22.04},
 * {@code rhel8}) and archspec target. A binary installs when platform and OS are equal and its
 * target is the host's or one of its ancestors (unlike {@code spack buildcache list}, which wants
 * the exact target: Spack issue 53030).
 */
public record Host(String platform, String os, String target) {

  /** {@code os=ubuntu22.04 target=zen3 [platform=linux]}, or {@code auto} for this machine. */
  public static Host parse(String text) {
    if (text.strip().equals("auto")) {
      return detect();
    }
    Map<String, String> keys = new HashMap<>();
    for (String part : text.strip().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new SourceException("--host", text, "expected key=value pairs (os=..., target=..., platform=...)");
      }
      keys.put(part.substring(0, eq), part.substring(eq + 1));
    }
    for (String k : keys.keySet()) {
      if (!List.of("os", "target", "platform").contains(k)) {
        throw new SourceException("--host", text, "unknown key '" + k + "'");
      }
    }
    if (!keys.containsKey("os") || !keys.containsKey("target")) {
      throw new SourceException("--host", text, "give at least os= and target=");
    }
    return new Host(keys.getOrDefault("platform", "linux"), keys.get("os"), keys.get("target"));
  }

  /** This machine, from /proc/cpuinfo and /etc/os-release. */
  public static Host detect() {
    return detect(Path.of("/proc/cpuinfo"), Path.of("/etc/os-release"), System.getProperty("os.arch"), Microarchitectures.builtin());
  }

  static Host detect(Path cpuinfo, Path osRelease, String arch, Microarchitectures archspec) {
    try {
      String os = osName(Files.readAllLines(osRelease));
      String target = target(Files.readAllLines(cpuinfo), arch, archspec);
      return new Host("linux", os, target);
    } catch (IOException e) {
      throw new SourceException(cpuinfo.toString(), "", "cannot detect the host: " + e.getMessage() + " (give --host os=... target=...)");
    }
  }

  /** Spack's OS name: ID and version, major only except for Ubuntu's YY.MM. */
  static String osName(List<String> osRelease) {
    Map<String, String> kv = new HashMap<>();
    for (String line : osRelease) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", "").strip());
      }
    }
    String id = kv.getOrDefault("ID", "unknown").toLowerCase(Locale.ROOT);
    String version = kv.getOrDefault("VERSION_ID", "");
    if (id.equals("opensuse-leap") || id.equals("sles")) {
      id = id.equals("sles") ? "sles" : "opensuse";
    }
    if (!id.equals("ubuntu") && version.contains(".")) {
      version = version.substring(0, version.indexOf('.'));
    }
    return id + version;
  }

  /**
   * archspec's detection, simplified: among the targets of the machine's family whose vendor is
   * the CPU's (or generic) and whose features the CPU has, the most specific one (most ancestors);
   * on ARM a matching CPU part wins.
   */
  static String target(List<String> cpuinfo, String arch, Microarchitectures archspec) {
    Map<String, String> kv = new HashMap<>();
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        kv.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    String family = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      case "ppc64le" -> "ppc64le";
      default -> arch;
    };
    Set<String> flags = new HashSet<>(List.of(kv.getOrDefault("flags", kv.getOrDefault("Features", "")).split("\\s+")));
    String vendor = kv.getOrDefault("vendor_id", "");
    String part = kv.getOrDefault("CPU part", "");
    if (vendor.isEmpty() && kv.containsKey("CPU implementer")) {
      vendor = kv.get("CPU implementer").equals("0x41") ? "ARM" : kv.get("CPU implementer");
    }
    String best = family;
    int bestDepth = -1;
    for (Microarchitectures.Target t : archspec.all()) {
      if (!archspec.family(t.name()).equals(family) && !t.name().equals(family)) {
        continue;
      }
      boolean vendorOk = t.vendor().equals("generic") || t.vendor().equals(vendor);
      boolean partOk = t.cpupart().isEmpty() || t.cpupart().equals(part);
      if (!vendorOk || !partOk || !flags.containsAll(t.features())) {
        continue;
      }
      int depth = archspec.ancestors(t.name()).size() + (t.cpupart().isEmpty() ? 0 : 100);
      if (depth > bestDepth || (depth == bestDepth && t.name().compareTo(best) < 0)) {
        best = t.name();
        bestDepth = depth;
      }
    }
    return best;
  }

  /** Whether a binary installs here: same platform and OS, target compatible (archspec). */
  public boolean installs(ConcreteSpec spec, Microarchitectures archspec) {
    return platform.equals(spec.platform())
        && os.equals(spec.os())
        && spec.target() != null
        && archspec.isCompatible(spec.target(), target);
  }

  @Override
  public String toString() {
    return "platform=" + platform + " os=" + os + " target=" + target;
  }
}
