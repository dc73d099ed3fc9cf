package io.cachescope.mirror;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.SignatureState;
import java.util.List;

/**
 * A spec file as a mirror stores it: the root spec first, then every node of its DAG.
 *
 * @param formatVersion {@code _meta.version} (1 for the YAML-era list form)
 * @param signature whether the file was clear-signed, and verified
 * @param signer the fingerprint of the key that verified it, or null
 */
public record SpecFile(
    List<ConcreteSpec> nodes, int formatVersion, SignatureState signature, String signer) {

  public SpecFile {
    nodes = List.copyOf(nodes);
  }

  public ConcreteSpec root() {
    return nodes.get(0);
  }
}
