package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import io.mobiflow.app.serve.ApiSettings;
import io.mobiflow.app.serve.TravellerApi;
import io.mobiflow.app.serve.TravellerService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Vehicle and bike ids never leave the engine: {@code mobiflow demo} ({@link DefaultDemo}: its
 * simulated buses and free-floating e-scooters, whose GBFS ids rotate after every trip) is run as a
 * user runs it, the ids are collected from the simulated input feeds, read here independently of
 * the engine, and every output is searched for them: the report printed, every file under the
 * output folder (JSON lines of flows, suggestions and dead letters, the maps, the city files),
 * every row of every table of flows.gpkg through SQLite, the decoded alerts.pb, and the answers of
 * {@code mobiflow serve} over HTTP. None is found. Also: every published pick-up and drop-off count
 * is 0 or at least 5.
 *
 * <p>{@code out/feeds/} is left out: it holds the simulated snapshots themselves, the raw input as
 * a feed publishes it (with its ids), which the engine reads but does not write; in production it
 * is the raw topics or recorded snapshots, internal and under retention (docs/privacy.md).
 */
class DemoPrivacyITCase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Path out;

  @Test
  void noSimulatedVehicleIdIsInAnyOutputFileTableAlertOrApiAnswer() throws Exception {
    DefaultDemo.Run run = DefaultDemo.run();
    out = run.out();

    Set<String> busIds = new TreeSet<>();
    Set<String> bikeIds = new TreeSet<>();
    collectIds(out.resolve("feeds"), busIds, bikeIds);
    assertThat(busIds).hasSizeGreaterThan(10);
    // the fleet, and a new id after every trip
    assertThat(bikeIds).hasSizeGreaterThan(FreeFloatingSimulator.FLEET);
    IdFinder finder = new IdFinder(busIds, bikeIds);

    List<String> found = new ArrayList<>();
    found.addAll(finder.in("the report", run.printed()));
    List<Path> outputs;
    try (Stream<Path> files = Files.walk(out)) {
      outputs =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(out.resolve("feeds")))
              .sorted()
              .toList();
    }
    assertThat(outputs)
        .contains(
            out.resolve("flows.gpkg"),
            out.resolve("suggestions/alerts.pb"),
            out.resolve("city/zones.geojson"))
        .anyMatch(f -> f.startsWith(out.resolve("zone-flows")))
        .anyMatch(f -> f.startsWith(out.resolve("suggestions")) && f.toString().endsWith(".jsonl"))
        .anyMatch(f -> f.startsWith(out.resolve("maps")));
    for (Path file : outputs) {
      byte[] bytes = Files.readAllBytes(file);
      found.addAll(finder.in(out.relativize(file).toString(), text(bytes)));
      if (file.toString().endsWith(".zip")) {
        found.addAll(zipEntries(file, finder));
      }
    }
    found.addAll(tables(out.resolve("flows.gpkg"), finder));
    FeedMessage alerts =
        FeedMessage.parseFrom(Files.readAllBytes(out.resolve("suggestions/alerts.pb")));
    assertThat(alerts.getEntityCount()).isPositive();
    found.addAll(finder.in("alerts.pb decoded", alerts.toString()));
    found.addAll(apiAnswers(finder));

    assertThat(found).isEmpty();
    assertSharedVehiclesWereUsedAndTripCountsAreNeverSmall();
  }

  /**
   * The scan means something: the suggestions sent travellers to free-floating scooters (named by
   * pseudonym) and the flows counted pick-ups and drop-offs, some published (5 or more), some
   * suppressed, none published from 1 to 4.
   */
  private void assertSharedVehiclesWereUsedAndTripCountsAreNeverSmall() throws IOException {
    List<JsonNode> suggestions = jsonLines(out.resolve("suggestions"));
    assertThat(suggestions).anyMatch(s -> s.path("spotId").asText().matches("h:[0-9a-f]{16}"));
    List<JsonNode> flows = jsonLines(out.resolve("zone-flows"));
    long published = 0;
    long suppressed = 0;
    for (JsonNode flow : flows) {
      for (String field : List.of("pickUps", "dropOffs")) {
        JsonNode count = flow.path(field);
        assertThat(count.isNull() || count.asLong() == 0 || count.asLong() >= 5)
            .as(field + " of " + flow)
            .isTrue();
        published += count.asLong();
        suppressed += flow.path(field + "Suppressed").asBoolean() ? 1 : 0;
      }
    }
    assertThat(published).isPositive();
    assertThat(suppressed).isPositive();
  }

  /** The ids of the input: GTFS-Realtime vehicle descriptors, GBFS bike and vehicle ids. */
  private static void collectIds(Path feeds, Set<String> busIds, Set<String> bikeIds)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(feeds)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      if (file.toString().endsWith(".pb")) {
        for (FeedEntity entity : FeedMessage.parseFrom(Files.readAllBytes(file)).getEntityList()) {
          descriptor(entity.getVehicle().getVehicle(), busIds);
          descriptor(entity.getTripUpdate().getVehicle(), busIds);
        }
      } else if (file.toString().endsWith(".json")) {
        JsonNode data = JSON.readTree(file.toFile()).path("data");
        for (String list : List.of("bikes", "vehicles")) {
          for (JsonNode vehicle : data.path(list)) {
            for (String id : List.of("bike_id", "vehicle_id")) {
              if (vehicle.hasNonNull(id)) {
                bikeIds.add(vehicle.get(id).asText());
              }
            }
          }
        }
      }
    }
  }

  private static void descriptor(VehicleDescriptor vehicle, Set<String> ids) {
    for (String value : List.of(vehicle.getId(), vehicle.getLabel(), vehicle.getLicensePlate())) {
      if (!value.isEmpty()) {
        ids.add(value);
      }
    }
  }

  /** Every value of every row of every table of a GeoPackage, through SQLite. */
  private static List<String> tables(Path gpkg, IdFinder finder) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg)) {
      List<String> names = new ArrayList<>();
      try (ResultSet tables =
          db.createStatement()
              .executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (tables.next()) {
          names.add(tables.getString(1));
        }
      }
      assertThat(names).contains("flows");
      for (String table : names) {
        try (ResultSet rows =
            db.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              byte[] value = rows.getBytes(c);
              if (value != null) {
                found.addAll(finder.in("flows.gpkg " + table, text(value)));
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static List<String> zipEntries(Path zip, IdFinder finder) throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        found.addAll(finder.in(zip.getFileName() + "!" + entry.getName(), text(in.readAllBytes())));
      }
    }
    return found;
  }

  /** The answers of {@code mobiflow serve} on the output folder, over HTTP on loopback. */
  private List<String> apiAnswers(IdFinder finder) throws Exception {
    List<String> found = new ArrayList<>();
    try (TravellerService service = TravellerService.fromDirectory(out, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      int port = api.port();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (String path : List.of("/suggestions", "/zones", "/gtfs-rt/alerts.pb")) {
        HttpResponse<byte[]> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.body()).as(path).isNotEmpty();
        found.addAll(finder.in("GET " + path, text(answer.body())));
        if (path.endsWith(".pb")) {
          found.addAll(
              finder.in(
                  "GET " + path + " decoded", FeedMessage.parseFrom(answer.body()).toString()));
        }
      }
    }
    return found;
  }

  private static List<JsonNode> jsonLines(Path directory) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path part : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          records.add(JSON.readTree(line));
        }
      }
    }
    return records;
  }

  /** Bytes as text, one character per byte: the ids are ASCII, so they match as they are. */
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Finds any of many ids in a text in one pass: ids are indexed by their first 4 characters. */
  private static final class IdFinder {

    private static final int PREFIX = 4;
    private final Map<String, List<String>> byPrefix = new HashMap<>();

    IdFinder(Set<String> busIds, Set<String> bikeIds) {
      for (Set<String> ids : List.of(busIds, bikeIds)) {
        for (String id : ids) {
          assertThat(id).hasSizeGreaterThanOrEqualTo(PREFIX + 2); // long enough to mean the id
          byPrefix.computeIfAbsent(id.substring(0, PREFIX), k -> new ArrayList<>()).add(id);
        }
      }
    }

    /** "where: id" for each id found in text. */
    List<String> in(String where, String text) {
      Set<String> found = new TreeSet<>();
      for (int i = 0; i + PREFIX <= text.length(); i++) {
        List<String> candidates = byPrefix.get(text.substring(i, i + PREFIX));
        if (candidates != null) {
          for (String id : candidates) {
            if (text.startsWith(id, i)) {
              found.add(where + ": " + id);
            }
          }
        }
      }
      return List.copyOf(found);
    }
  }
}
