package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * An edge from a spec to one of its dependencies, by hash. {@code deptypes} is a bit set of
 * {@link #BUILD}, {@link #LINK}, {@link #RUN} and {@link #TEST}; {@code virtuals} are the virtual
 * packages this dependency provides to its parent ({@code c}, {@code cxx}, {@code mpi}, ...).
 */
public record Dependency(String name, String hash, int deptypes, List<String> virtuals) {

  public static final int BUILD = 1;
  public static final int LINK = 2;
  public static final int RUN = 4;
  public static final int TEST = 8;

  private static final String[] TYPE_NAMES = {"build", "link", "run", "test"};

  public Dependency {
    virtuals = List.copyOf(virtuals);
  }

  /** The bit of a Spack deptype name, or 0 when the name is unknown. */
  public static int typeBit(String name) {
    for (int i = 0; i < TYPE_NAMES.length; i++) {
      if (TYPE_NAMES[i].equals(name)) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** The deptype names, in Spack's order (build, link, run, test). */
  public List<String> typeNames() {
    List<String> names = new ArrayList<>(4);
    for (int i = 0; i < TYPE_NAMES.length; i++) {
      if ((deptypes & (1 << i)) != 0) {
        names.add(TYPE_NAMES[i]);
      }
    }
    return names;
  }

  public boolean provides(String virtual) {
    return virtuals.contains(virtual);
  }
}
