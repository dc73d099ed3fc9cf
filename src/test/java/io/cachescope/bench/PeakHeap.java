package io.cachescope.bench;

import io.cachescope.catalog.Catalog;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Reads one mirror into the catalog model and prints the peak heap used and the heap still
 * held by the model after a full GC. Run by bench/run under {@code -Xmx1g}.
 */
public final class PeakHeap {
  public static void main(String[] args) {
    long start = System.nanoTime();
    Catalog catalog =
        new CatalogReader(MirrorReader.Options.defaults(), System.err::println)
            .read(Sources.ofMirrors(List.of(args[0]), null));
    long elapsed = System.nanoTime() - start;
    int records = catalog.tags().get(0).stacks().get(0).index().specs().size();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long retained =
        Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    System.out.printf(
        "records=%d read_ms=%d peak_heap_mb=%d retained_heap_mb=%d max_heap_mb=%d gcs=%d%n",
        records, elapsed / 1_000_000, peak >> 20, retained >> 20,
        Runtime.getRuntime().maxMemory() >> 20, gcs);
    if (catalog.tags().isEmpty()) {
      throw new IllegalStateException("nothing read");
    }
  }
}
