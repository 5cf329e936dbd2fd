package io.mobiflow.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a backfill of one real Vélib' station_status document must write, wherever it runs (the job
 * jar on its own, a cluster): each station of the file either a station flow with the file's bikes
 * (in Paris) or a dead letter (outside), and one flow per arrondissement.
 */
public final class VelibBackfillOutputs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VelibBackfillOutputs() {}

  /**
   * Asserts the outputs under {@code dir/out} (JSON lines: station-flows, dead-letters, zone-flows)
   * against {@code dir/station_status.json}, the document the run read.
   */
  public static void assertEachStationAsInTheFile(Path dir) throws IOException {
    Map<String, Integer> bikes = new HashMap<>();
    JSON.readTree(dir.resolve("station_status.json").toFile())
        .path("data")
        .path("stations")
        .forEach(
            s -> bikes.put(s.get("station_id").asText(), s.get("num_bikes_available").asInt()));
    List<JsonNode> stations = finals(dir.resolve("out/station-flows"));
    List<JsonNode> deadLetters = records(dir.resolve("out/dead-letters"));
    assertThat(stations).isNotEmpty();
    assertThat(stations.size() + deadLetters.size()).isEqualTo(bikes.size());
    for (JsonNode station : stations) {
      String id = station.get("unitId").asText();
      assertThat(station.get("unit").asText()).isEqualTo("STATION");
      assertThat(station.get("vehiclesAvailable").asDouble())
          .as(id)
          .isEqualTo(bikes.get(id).doubleValue());
    }
    assertThat(finals(dir.resolve("out/zone-flows")))
        .extracting(zone -> zone.get("unitId").asText())
        .hasSize(20)
        .doesNotHaveDuplicates();
  }

  /**
   * The final flow records of the JSON-lines files in {@code directory}: early results, which they
   * replace, left out.
   */
  public static List<JsonNode> finals(Path directory) throws IOException {
    return records(directory).stream().filter(r -> !r.path("provisional").asBoolean()).toList();
  }

  /** The records of the JSON-lines files ({@code *.jsonl}) in {@code directory}; none if absent. */
  public static List<JsonNode> records(Path directory) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> parts = Files.list(directory)) {
        for (Path part : parts.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
          for (String line : Files.readAllLines(part)) {
            records.add(JSON.readTree(line));
          }
        }
      }
    }
    return records;
  }
}
