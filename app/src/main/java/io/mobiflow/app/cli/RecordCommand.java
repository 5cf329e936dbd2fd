package io.mobiflow.app.cli;

import io.mobiflow.connectors.source.http.HttpFeed;
import io.mobiflow.connectors.source.http.HttpFeedsConfig;
import io.mobiflow.connectors.source.http.PollHealth;
import io.mobiflow.connectors.source.http.SnapshotRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mobiflow record}: polls live feeds into the snapshot layout, for replay later. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description =
        "Polls the live GTFS-Realtime, GBFS and counter feeds of a feeds file, each on its own"
            + " schedule, and writes every new document to"
            + " DIR/<feed-id>/<kind>/<epoch-seconds>.<ext>, the layout the demo and the jobs"
            + " replay. One health line per poll; a feed's failures never stop the others."
            + " Snapshots older than --keep are deleted while it records.")
final class RecordCommand implements Callable<Integer> {

  @Option(
      names = "--feeds",
      required = true,
      paramLabel = "FILE",
      description = "The feeds file (JSON).")
  Path feeds;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
  Path out;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description = "How long to record, ISO-8601 (PT10M, PT2H); default ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--polls",
      paramLabel = "N",
      defaultValue = "9223372036854775807",
      description = "Stop after N polls of each feed.")
  long polls;

  @Option(
      names = "--keep",
      paramLabel = "DURATION",
      defaultValue = "P7D",
      description =
          "Delete the feeds' snapshots fetched longer ago than this, ISO-8601 (P7D, P30D,"
              + " PT12H), or 'forever'; default ${DEFAULT-VALUE}. Raw documents name vehicles"
              + " and where they stood: keep them no longer than a replay needs.")
  String keep;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (polls < 1) {
      throw new IllegalArgumentException("--polls must be at least 1");
    }
    Duration kept = keep.equals("forever") ? null : keep();
    if (kept != null && (kept.isNegative() || kept.isZero())) {
      throw new IllegalArgumentException("--keep must be positive, or forever");
    }
    if (!Files.isRegularFile(feeds)) {
      throw new IOException("feeds file " + feeds + " does not exist");
    }
    List<HttpFeed> list = HttpFeedsConfig.read(feeds);
    Files.createDirectories(out);
    PrintWriter printer = spec.commandLine().getOut();
    Map<PollHealth.Status, Integer> byStatus = new EnumMap<>(PollHealth.Status.class);
    List<Path> written =
        new SnapshotRecorder(
                out,
                Clock.systemUTC(),
                kept,
                health -> {
                  byStatus.merge(health.status(), 1, Integer::sum);
                  print(printer, health);
                })
            .record(list, duration, polls);
    printer.printf(
        "recorded %d snapshots of %d feeds into %s; polls: %d OK, %d STALE, %d ERROR%n",
        written.size(),
        list.size(),
        out,
        byStatus.getOrDefault(PollHealth.Status.OK, 0),
        byStatus.getOrDefault(PollHealth.Status.STALE, 0),
        byStatus.getOrDefault(PollHealth.Status.ERROR, 0));
    printer.flush();
    return 0;
  }

  private Duration keep() {
    try {
      return Duration.parse(keep);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--keep must be an ISO-8601 duration (P7D, PT12H) or forever, not '" + keep + "'");
    }
  }

  private static void print(PrintWriter out, PollHealth health) {
    out.printf(
        "%s %-20s %-5s %3d %8d B %5d ms%s%n",
        health.polledAt(),
        health.feedId(),
        health.status(),
        health.httpStatus(),
        health.bytes(),
        health.latencyMillis(),
        health.reason() == null ? "" : "  " + health.reason());
    out.flush();
  }
}
