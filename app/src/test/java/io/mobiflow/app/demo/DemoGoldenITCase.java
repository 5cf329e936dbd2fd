package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code mobiflow demo} with its defaults ({@link DefaultDemo}: seed 42, 2026-01-13 from 07:00 for
 * 120 min, parallelism 2) gives what the recorded build gave: the printed report and suggestion
 * counts, the lines of every JSON-lines output, the flows table's rows and the two maps. The golden
 * file and how it was made are under {@code src/test/resources/golden/demo-seed42/} (see its
 * HOW.md); it is rewritten with {@code -Dmobiflow.golden.write=true}, and a rewrite needs its
 * reason in the commit message.
 *
 * <p>Normalised: the output folder reads {@code <out>}; JSON lines and rows are sorted (subtasks
 * write in any order); rows lack {@code written_at_ms} (the writer's clock); maps are their
 * SHA-256. Progress lines (timings) are not compared: the report starts after "Done in".
 */
class DemoGoldenITCase {

  private static final String GOLDEN = "golden/demo-seed42/demo-seed42.txt.gz";
  private static final String SECTION = "=== golden section: ";

  @Test
  void theDemoWithItsDefaultsGivesTheRecordedReportOutputsFlowTablesAndMaps() throws Exception {
    Map<String, List<String>> actual = normalised(DefaultDemo.run());
    Map<String, List<String>> golden;
    if (Boolean.getBoolean("mobiflow.golden.write")) {
      Path file = Path.of("src/test/resources").resolve(GOLDEN);
      write(file, actual);
      try (InputStream written = Files.newInputStream(file)) {
        golden = read(written);
      }
    } else {
      try (InputStream resource =
          DemoGoldenITCase.class.getClassLoader().getResourceAsStream(GOLDEN)) {
        assertThat(resource).as("golden file %s on the test class path", GOLDEN).isNotNull();
        golden = read(resource);
      }
    }

    assertThat(actual.keySet()).containsExactlyElementsOf(golden.keySet());
    assertThat(golden.get("zone-flows").size()).as("zone flows recorded").isGreaterThan(500);
    assertThat(golden.get("suggestions").size()).as("suggestions recorded").isGreaterThan(100);
    SoftAssertions softly = new SoftAssertions();
    for (String section : List.of("report", "maps")) {
      softly
          .assertThat(actual.get(section))
          .as("%s (rewrite with -Dmobiflow.golden.write=true only for a reason)", section)
          .containsExactlyElementsOf(golden.get(section));
    }
    for (String section : List.of("zone-flows", "dead-letters", "suggestions", "flows-table")) {
      softly
          .assertThat(DemoOutputs.differences(golden.get(section), actual.get(section)))
          .as(
              "%s: lines recorded (-) and not written now, or written now (+) and not recorded",
              section)
          .isEmpty();
    }
    softly.assertAll();
  }

  /** The run's report, outputs, flow tables and maps, normalised. */
  private static Map<String, List<String>> normalised(DefaultDemo.Run run) throws Exception {
    Path out = run.out();
    String folder = out.toAbsolutePath().toString();
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> lines = run.printed().replace(folder, "<out>").lines().toList();
    int done = 0;
    while (done < lines.size() && !lines.get(done).startsWith("Done in ")) {
      done++;
    }
    sections.put("report", lines.subList(Math.min(done + 1, lines.size()), lines.size()));
    for (String output : List.of("zone-flows", "dead-letters", "suggestions")) {
      sections.put(
          output,
          DemoOutputs.sortedLines(out.resolve(output)).stream()
              .map(line -> line.replace(folder, "<out>"))
              .sorted()
              .toList());
    }
    sections.put("flows-table", DemoOutputs.flowRows(out.resolve("flows.gpkg")));
    sections.put("maps", mapDigests(out.resolve("maps")));
    return sections;
  }

  /** One line per SVG map: its file name and the SHA-256 of its bytes. */
  private static List<String> mapDigests(Path maps) throws Exception {
    List<String> digests = new ArrayList<>();
    try (Stream<Path> files = Files.list(maps)) {
      for (Path map : files.filter(p -> p.toString().endsWith(".svg")).sorted().toList()) {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(map));
        digests.add(map.getFileName() + " sha256=" + HexFormat.of().formatHex(sha));
      }
    }
    return digests;
  }

  /** The sections of a golden file: lines under each "=== golden section: NAME" line. */
  private static Map<String, List<String>> read(InputStream gzipped) throws IOException {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.UTF_8));
    List<String> current = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.startsWith(SECTION)) {
        current = new ArrayList<>();
        sections.put(line.substring(SECTION.length()), current);
      } else {
        current.add(line);
      }
    }
    return sections;
  }

  private static void write(Path file, Map<String, List<String>> sections) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file));
        Writer writer = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, List<String>> section : sections.entrySet()) {
        writer.write(SECTION + section.getKey() + "\n");
        for (String line : section.getValue()) {
          writer.write(line + "\n");
        }
      }
    }
    System.out.printf("DemoGoldenITCase: golden rewritten: %s%n", file.toAbsolutePath());
  }
}
