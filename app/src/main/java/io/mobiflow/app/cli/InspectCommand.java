package io.mobiflow.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mobiflow.connectors.inspect.FeedInspector;
import io.mobiflow.connectors.inspect.FeedReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mobiflow inspect FILE|DIR}: what a feed file is, what it holds, what it rejects. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Detects a feed's kind and version (GTFS zip or folder, GTFS-Realtime .pb, GBFS JSON file"
            + " or folder, counter CSV, DATEX II XML), decodes it and prints its counts per entity,"
            + " time span and rejections per reason with examples.")
final class InspectCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE|DIR", description = "The feed file or folder.")
  Path path;

  @Option(names = "--json", description = "Print the same as one JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<FeedReport> reports = FeedInspector.inspect(path);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Object document =
          reports.size() == 1 ? reports.get(0) : Map.of("path", path.toString(), "files", reports);
      out.println(mapper.writeValueAsString(document));
    } else {
      for (FeedReport report : reports) {
        print(out, report);
      }
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, FeedReport report) {
    out.printf(
        "%s%n  %s%s%n",
        report.path(),
        report.format(),
        report.version() == null ? "" : " (version " + report.version() + ")");
    report.counts().forEach((name, value) -> out.printf("  %-22s %,d%n", name, value));
    if (report.from() != null) {
      out.printf("  %-22s %s .. %s%n", "time span", report.from(), report.to());
    }
    if (report.rejections().isEmpty()) {
      out.printf("  %-22s none%n", "rejections");
    } else {
      report.rejections().forEach((reason, n) -> out.printf("  rejected %-13s %,d%n", reason, n));
      report.examples().forEach(example -> out.printf("    e.g. %s%n", example));
    }
  }
}
