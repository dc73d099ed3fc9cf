package io.cachescope.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * archspec's CPU microarchitecture DAG (archspec/archspec-json, shipped as a resource): a binary
 * built for target T runs on host H when T is H or one of H's ancestors, which is what {@code
 * spack install} accepts (docs/spack-formats.md, "Host compatibility").
 */
public final class Microarchitectures {

  /** One target: its direct parents, vendor, features and (ARM) CPU part. */
  public record Target(String name, List<String> parents, String vendor, Set<String> features, String cpupart) {}

  private final Map<String, Target> targets;
  private final Map<String, Set<String>> ancestors = new HashMap<>();

  private Microarchitectures(Map<String, Target> targets) {
    this.targets = targets;
  }

  private static Microarchitectures builtin;

  /** The DAG shipped with cachescope. */
  public static synchronized Microarchitectures builtin() {
    if (builtin == null) {
      try (InputStream in = Microarchitectures.class.getResourceAsStream("/archspec/microarchitectures.json")) {
        builtin = parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return builtin;
  }

  static Microarchitectures parse(JsonNode root) {
    Map<String, Target> targets = new HashMap<>();
    root.path("microarchitectures").fields().forEachRemaining(e -> {
      List<String> parents = new ArrayList<>();
      e.getValue().path("from").forEach(p -> parents.add(p.asText()));
      Set<String> features = new LinkedHashSet<>();
      e.getValue().path("features").forEach(f -> features.add(f.asText()));
      targets.put(e.getKey(), new Target(e.getKey(), List.copyOf(parents), e.getValue().path("vendor").asText(),
          Collections.unmodifiableSet(features), e.getValue().path("cpupart").asText("")));
    });
    return new Microarchitectures(targets);
  }

  public boolean knows(String name) {
    return targets.containsKey(name);
  }

  public Target target(String name) {
    return targets.get(name);
  }

  public java.util.Collection<Target> all() {
    return targets.values();
  }

  /** Every ancestor of a target (transitive closure of {@code from}); empty if unknown. */
  public synchronized Set<String> ancestors(String name) {
    Set<String> cached = ancestors.get(name);
    if (cached != null) {
      return cached;
    }
    Set<String> out = new LinkedHashSet<>();
    Target t = targets.get(name);
    if (t != null) {
      for (String p : t.parents()) {
        out.add(p);
        out.addAll(ancestors(p));
      }
    }
    Set<String> result = Collections.unmodifiableSet(out);
    ancestors.put(name, result);
    return result;
  }

  /** The root of a target's DAG: {@code x86_64}, {@code aarch64}, {@code ppc64le}, ... */
  public String family(String name) {
    for (String a : ancestors(name)) {
      Target t = targets.get(a);
      if (t != null && t.parents().isEmpty()) {
        return a;
      }
    }
    return name;
  }

  /** Whether a binary built for {@code binary} runs on {@code host}: equal, or an ancestor. */
  public boolean isCompatible(String binary, String host) {
    return binary.equals(host) || ancestors(host).contains(binary);
  }
}
