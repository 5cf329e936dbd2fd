package io.mobiflow.benchmarks.gtfs;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.onebusaway.gtfs.impl.GtfsRelationalDaoImpl;
import org.onebusaway.gtfs.serialization.GtfsReader;

/**
 * Measures the static GTFS load: wall time, heap held by the loaded timetable (after a full GC) and
 * peak heap during the load, for the compact loader and, as the baseline, onebusaway's full
 * in-memory store. Run each in its own JVM with the heap limit under test:
 *
 * <pre>
 * java -Xmx1500m -cp ... io.mobiflow.benchmarks.gtfs.TimetableLoadHarness compact FEED
 * java -Xmx1500m -cp ... io.mobiflow.benchmarks.gtfs.TimetableLoadHarness onebusaway FEED
 * java -cp ... io.mobiflow.benchmarks.gtfs.TimetableLoadHarness generate DIR
 * </pre>
 */
public final class TimetableLoadHarness {

  private TimetableLoadHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TimetableLoadHarness compact|onebusaway|generate PATH");
      System.exit(2);
    }
    Path path = Path.of(args[1]);
    switch (args[0]) {
      case "generate" -> {
        SyntheticGtfsFeed feed = SyntheticGtfsFeed.regionScale();
        long start = System.nanoTime();
        feed.writeTo(path);
        System.out.printf(
            Locale.ROOT,
            "generated %,d stop_times in %s in %.1f s (stop_times.txt %,d bytes)%n",
            feed.stopTimes(),
            path,
            (System.nanoTime() - start) / 1e9,
            Files.size(path.resolve("stop_times.txt")));
      }
      case "compact" -> {
        long before = usedAfterGc();
        long start = System.nanoTime();
        CompactTimetable timetable = CompactTimetableLoader.load(path);
        double seconds = (System.nanoTime() - start) / 1e9;
        long held = usedAfterGc() - before;
        report("compact", path, seconds, held, timetable.stopTimeCount(), timetable.tripCount());
      }
      case "onebusaway" -> {
        long before = usedAfterGc();
        long start = System.nanoTime();
        GtfsRelationalDaoImpl dao = new GtfsRelationalDaoImpl();
        GtfsReader reader = new GtfsReader();
        reader.setInputLocation(path.toFile());
        reader.setEntityStore(dao);
        reader.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long held = usedAfterGc() - before;
        report(
            "onebusaway",
            path,
            seconds,
            held,
            dao.getAllStopTimes().size(),
            dao.getAllTrips().size());
      }
      default -> {
        System.err.println("unknown mode " + args[0]);
        System.exit(2);
      }
    }
  }

  private static void report(
      String loader, Path path, double seconds, long heldBytes, long stopTimes, long trips) {
    System.out.printf(
        Locale.ROOT,
        "%s %s: %,d stop_times, %,d trips, load %.2f s, heap held %,d MB, peak heap %,d MB"
            + " (max %,d MB)%n",
        loader,
        path.getFileName(),
        stopTimes,
        trips,
        seconds,
        heldBytes >> 20,
        peakHeap() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
