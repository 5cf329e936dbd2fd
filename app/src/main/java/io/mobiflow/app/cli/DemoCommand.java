package io.mobiflow.app.cli;

import io.mobiflow.app.demo.DemoRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mobiflow demo}: the zone-flow job on the bundled demo city, on a local MiniCluster. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the zone-flow pipeline on Grand Périgueux: the real Péribus timetable (bundled),"
          + " with SIMULATED GTFS-Realtime, GBFS and counter feeds, on a local Flink MiniCluster.",
      "Writes city/, feeds/, zone-flows/ and dead-letters/ under --out and prints the busiest zones."
    })
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "out")
  Path out;

  @Option(
      names = "--seed",
      description =
          "Simulator seed; the same seed gives the same feeds (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--date",
      description = "Service date, 2025-12-22..2026-03-01 (default: ${DEFAULT-VALUE}).",
      defaultValue = "2026-01-13")
  LocalDate date;

  @Option(
      names = "--from",
      paramLabel = "HH:MM",
      description = "Local start time (default: ${DEFAULT-VALUE}).",
      defaultValue = "07:00")
  LocalTime from;

  @Option(
      names = "--minutes",
      description = "Simulated minutes, 5..1440 (default: ${DEFAULT-VALUE}).",
      defaultValue = "120")
  int minutes;

  @Option(
      names = "--parallelism",
      description =
          "Flink parallelism, 1.."
              + MobiflowCommand.MAX_LOCAL_PARALLELISM
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int parallelism;

  @Option(
      names = "--top",
      description = "Zones in the summary table (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int top;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    DemoRun.Result result =
        DemoRun.run(
            new DemoRun.Options(
                this.out, seed, date, from, Duration.ofMinutes(minutes), parallelism),
            out);
    DemoReport.print(result, top, out);
    DemoReport.printSuggestions(result, 2, out);
    for (Path map : DemoReport.writeMaps(result, this.out.resolve("maps"))) {
      out.printf("Map: %s%n", map);
    }
    out.printf(
        "Flow tables (GeoPackage, open in QGIS or query): %s%n"
            + "  e.g. ./mobiflow query --db %s --example worst-congested%n"
            + "  and ./mobiflow serve --from %s%n",
        result.flowTables(), result.flowTables(), this.out);
    return 0;
  }

  private void validate() {
    CommandLine cmd = spec.commandLine();
    if (minutes < 5 || minutes > 1440) {
      throw new CommandLine.ParameterException(
          cmd, "--minutes must be within 5..1440, not " + minutes);
    }
    if (parallelism < 1 || parallelism > MobiflowCommand.MAX_LOCAL_PARALLELISM) {
      throw new CommandLine.ParameterException(
          cmd,
          "--parallelism must be within 1.."
              + MobiflowCommand.MAX_LOCAL_PARALLELISM
              + ", not "
              + parallelism);
    }
    if (top < 1) {
      throw new CommandLine.ParameterException(cmd, "--top must be at least 1");
    }
    if (date.isBefore(LocalDate.of(2025, 12, 22)) || date.isAfter(LocalDate.of(2026, 3, 1))) {
      throw new CommandLine.ParameterException(
          cmd, "--date " + date + " is outside the bundled timetable (2025-12-22..2026-03-01)");
    }
  }
}
