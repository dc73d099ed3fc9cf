package io.cachescope.catalog;

import java.util.List;
import java.util.Optional;

/** The tags that were read, in the order of the sources. */
public record Catalog(List<Tag> tags) {

  public Catalog {
    tags = List.copyOf(tags);
  }

  /** Every tag's union taken together, earlier tags' records first, as Spack merges mirrors. */
  public Union union() {
    if (tags.size() == 1) {
      return tags.get(0).union();
    }
    Union all = new Union();
    for (Tag tag : tags) {
      all.add(tag.union());
    }
    return all;
  }

  public Optional<Tag> tag(String name) {
    return tags.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
