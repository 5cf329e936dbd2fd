package io.mobiflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.app.cli.MobiflowCommand;
import io.mobiflow.app.testing.VelibBackfill;
import io.mobiflow.app.testing.VelibBackfill.Database;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.load.GeoJsonZones;
import io.mobiflow.geodata.load.GeoPackageZones;
import io.mobiflow.geodata.load.GeoPackageZonesWriter;
import io.mobiflow.jobs.testing.PostgisServer;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planner's backfill with the command line, no broker: the real Vélib' station_information and
 * station_status (1,485 stations) and the Paris arrondissements, {@code mobiflow run --config} with
 * a feed file as source and JSON lines as output. Per arrondissement, the stations, mean bikes and
 * mean docks equal a count made here with a plain ray-casting point-in-polygon loop over the raw
 * JSON, and so does each station's own record; stations outside Paris are OUTSIDE_ZONES dead
 * letters.
 */
class VelibBackfillITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void bikesAndDocksPerArrondissement() throws Exception {
    backfill(VelibBackfill.ARRONDISSEMENT_ZONES);
  }

  /** The same zones from a GeoPackage layer (written from the GeoJSON) give the same figures. */
  @Test
  void zonesFromAGeoPackage() throws Exception {
    GeoPackageZonesWriter.write(
        dir.resolve("paris.gpkg"),
        "arrondissements",
        GeoJsonZones.read(VelibBackfill.ARRONDISSEMENTS, "c_ar", "l_ar"));
    backfill(
        """
        zones: paris.gpkg
        zones_layer: arrondissements
        zone_id_property: id
        zone_name_property: name
        """);
  }

  /**
   * The GeoPackage output: a zones layer and a flows table whose zone rows hold the same figures; a
   * second run of the same input leaves the rows as they were (upserts, not appends).
   */
  @Test
  void aGeoPackageOutputIsUpsertedNotAppendedAndAnswersTheExampleQuery() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    backfillTwiceIntoAStore(
        "geopackage: flows.gpkg", () -> DriverManager.getConnection("jdbc:sqlite:" + gpkg));
    assertThat(GeoPackageZones.read(gpkg, "zones", "id", "name")).hasSize(20);
    assertThat(exampleQuery("--db", gpkg.toString()))
        .containsExactlyElementsOf(stationsMostOftenEmptyByHand());
  }

  @Test
  void aPostgisOutputIsUpsertedNotAppendedAndAnswersTheExampleQuery() throws Exception {
    Path config =
        backfillTwiceIntoAStore(
            "postgres: {url: \"%s\", user: %s, files: out}"
                .formatted(POSTGIS.url(), POSTGIS.user()),
            POSTGIS::connect);
    try (Connection db = POSTGIS.connect();
        ResultSet zones =
            db.createStatement()
                .executeQuery("SELECT COUNT(*), BOOL_AND(ST_IsValid(geom)) FROM zones")) {
      zones.next();
      assertThat(zones.getInt(1)).isEqualTo(20);
      assertThat(zones.getBoolean(2)).isTrue();
    }
    assertThat(exampleQuery("--config", config.toString()))
        .containsExactlyElementsOf(stationsMostOftenEmptyByHand());
  }

  /**
   * Runs the Vélib' backfill twice with {@code store} as its output: per arrondissement, the bikes
   * and docks in the flows table equal the plain count, and the second run changes no row and no
   * value. Returns the configuration.
   */
  private Path backfillTwiceIntoAStore(String store, Database database) throws Exception {
    Path config = VelibBackfill.config(dir, VelibBackfill.ARRONDISSEMENT_ZONES, store);
    Path information = dir.resolve("station_information.json");
    Path status = dir.resolve("station_status.json");
    Map<String, double[]> expected = expected(information, status);
    List<String> firstRun = null;
    for (int run = 1; run <= 2; run++) {
      VelibBackfill.run(config);
      List<String> rows = new ArrayList<>();
      try (Connection db = database.connect();
          ResultSet row =
              db.createStatement()
                  .executeQuery(
                      "SELECT unit, unit_id, window_start, vehicles_available, docks_available,"
                          + " empty_station_minutes, shared_mobility_data FROM flows"
                          + " ORDER BY unit, unit_id")) {
        while (row.next()) {
          StringBuilder line = new StringBuilder();
          for (int c = 1; c <= 7; c++) {
            line.append(row.getString(c)).append(' ');
          }
          rows.add(line.toString());
          if (row.getString(1).equals("ZONE")) {
            double[] e = expected.get(row.getString(2));
            assertThat(row.getDouble(4)).as(row.getString(2)).isCloseTo(e[1], within(1e-9));
            assertThat(row.getDouble(5)).as(row.getString(2)).isCloseTo(e[2], within(1e-9));
            assertThat(row.getBoolean(7)).isTrue();
          }
        }
      }
      long inside = expected.values().stream().mapToLong(e -> (long) e[0]).sum();
      assertThat(rows).hasSize(expected.size() + (int) inside); // zones + stations
      if (firstRun == null) {
        firstRun = rows;
      } else {
        assertThat(rows).as("a second replay changes nothing").isEqualTo(firstRun);
      }
    }
    return config;
  }

  /**
   * The planners' example "stations-empty" as {@code mobiflow query --example stations-empty --csv}
   * prints it, against the store given by {@code where}.
   */
  private static List<String> exampleQuery(String... where) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("query", "--example", "stations-empty", "--csv"));
    args.addAll(List.of(where));
    int code =
        MobiflowCommand.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    return out.toString().lines().toList();
  }

  /**
   * The same answer from the raw JSON by hand: each station inside Paris without a bike is empty
   * from its report to the end of its 5-minute window; all tie, so the first 20 ids.
   */
  private List<String> stationsMostOftenEmptyByHand() throws Exception {
    Path information = dir.resolve("station_information.json");
    Path status = dir.resolve("station_status.json");
    JsonNode raw = JSON.readTree(status.toFile());
    double heldMinutes = (300 - raw.get("lastUpdatedOther").asLong() % 300) / 60.0;
    Set<String> insideParis = stationsInside(information);
    List<String> emptyIds = new ArrayList<>();
    for (JsonNode station : raw.path("data").path("stations")) {
      String id = station.get("station_id").asText();
      if (insideParis.contains(id) && station.get("num_bikes_available").asInt() == 0) {
        emptyIds.add(id);
      }
    }
    Collections.sort(emptyIds);
    assertThat(emptyIds).hasSizeGreaterThan(20);
    String minutes = String.valueOf(Math.round(heldMinutes * 10) / 10.0);
    List<String> lines = new ArrayList<>(List.of("station,empty_minutes,windows"));
    emptyIds.subList(0, 20).forEach(id -> lines.add(id + "," + minutes + ",1"));
    return lines;
  }

  /** Each arrondissement's outer ring (c_ar → lon/lat points), in the file's order. */
  private static Map<String, List<double[]>> arrondissementRings() throws Exception {
    Map<String, List<double[]>> rings = new LinkedHashMap<>();
    for (JsonNode feature :
        JSON.readTree(VelibBackfill.ARRONDISSEMENTS.toFile()).path("features")) {
      List<double[]> ring = new ArrayList<>();
      feature
          .path("geometry")
          .path("coordinates")
          .get(0)
          .forEach(p -> ring.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
      rings.put(feature.path("properties").get("c_ar").asText(), ring);
    }
    return rings;
  }

  /** The ids of the stations inside an arrondissement, by the same plain loop. */
  private static Set<String> stationsInside(Path information) throws Exception {
    Set<String> ids = new HashSet<>();
    for (JsonNode s : JSON.readTree(information.toFile()).path("data").path("stations")) {
      for (List<double[]> ring : arrondissementRings().values()) {
        if (inside(s.get("lon").asDouble(), s.get("lat").asDouble(), ring)) {
          ids.add(s.get("station_id").asText());
        }
      }
    }
    return ids;
  }

  private void backfill(String zones) throws Exception {
    String err = VelibBackfill.run(VelibBackfill.config(dir, zones, "json_lines: out"));
    Path information = dir.resolve("station_information.json");
    Path status = dir.resolve("station_status.json");

    // {stations, bikes, docks, empty stations, full stations}
    Map<String, double[]> expected = expected(information, status);
    long lastUpdated =
        JSON.readTree(status.toFile()).get("lastUpdatedOther").asLong(); // Vélib's last_updated
    double heldMinutes = (300 - lastUpdated % 300) / 60.0; // to the end of its 5-minute window
    List<ZoneFlow> flows = finals(dir.resolve("out/zone-flows"));
    assertThat(flows).extracting(ZoneFlow::unitId).doesNotHaveDuplicates();
    Map<String, ZoneFlow> byZone = new HashMap<>();
    flows.forEach(f -> byZone.put(f.unitId(), f));
    assertThat(byZone.keySet()).isEqualTo(expected.keySet());
    assertThat(expected).hasSize(20);
    expected.forEach(
        (zone, e) -> {
          ZoneFlow flow = byZone.get(zone);
          assertThat(flow.shared().stationReports()).as(zone).isEqualTo((long) e[0]);
          // One snapshot: each station's counts hold from its time to the end of the window.
          assertThat(flow.shared().vehiclesAvailable()).as(zone).isCloseTo(e[1], within(1e-9));
          assertThat(flow.shared().docksAvailable()).as(zone).isCloseTo(e[2], within(1e-9));
          assertThat(flow.shared().emptyStationMinutes())
              .as(zone)
              .isCloseTo(e[3] * heldMinutes, within(1e-9));
          assertThat(flow.shared().fullStationMinutes())
              .as(zone)
              .isCloseTo(e[4] * heldMinutes, within(1e-9));
        });
    long inside = expected.values().stream().mapToLong(e -> (long) e[0]).sum();
    // The progress on stderr ends with the totals: the one file, the stations inside Paris.
    assertThat(err)
        .contains("done [" + "#".repeat(30) + "] 1 of 1 snapshots, " + inside + " events");
    // Per station: its own bikes, docks and (0 or all held minutes) emptiness, for those inside.
    Map<String, JsonNode> statusById = new HashMap<>();
    JSON.readTree(status.toFile())
        .path("data")
        .path("stations")
        .forEach(s -> statusById.put(s.get("station_id").asText(), s));
    List<ZoneFlow> stations = finals(dir.resolve("out/station-flows"));
    assertThat(stations).hasSize((int) inside);
    for (ZoneFlow station : stations) {
      JsonNode raw = statusById.get(station.unitId());
      int bikes = raw.get("num_bikes_available").asInt();
      assertThat(station.shared().vehiclesAvailable()).as(station.unitId()).isEqualTo(bikes);
      assertThat(station.shared().minVehiclesAvailable()).isEqualTo(bikes);
      assertThat(station.shared().docksAvailable())
          .isEqualTo(raw.get("num_docks_available").asDouble());
      assertThat(station.shared().emptyStationMinutes())
          .isCloseTo(bikes == 0 ? heldMinutes : 0, within(1e-9));
    }
    // no database configured: the flow tables are the GeoPackage beside the JSON lines
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("out/flows.gpkg"));
        ResultSet rows =
            db.createStatement()
                .executeQuery("SELECT unit, COUNT(*) FROM flows GROUP BY unit ORDER BY unit")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1) + " " + rows.getLong(2)).isEqualTo("STATION " + stations.size());
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1) + " " + rows.getLong(2)).isEqualTo("ZONE " + flows.size());
    }
    List<Rejection> deadLetters = read(dir.resolve("out/dead-letters"), Rejection.class);
    assertThat(deadLetters).allMatch(r -> r.reason() == RejectReason.OUTSIDE_ZONES);
    assertThat(deadLetters).hasSize((int) (1485 - inside));
  }

  /** Per arrondissement (c_ar): {stations, bikes, docks, stations without bikes, without docks}. */
  private static Map<String, double[]> expected(Path information, Path status) throws Exception {
    Map<String, double[]> positions = new HashMap<>();
    for (JsonNode s : JSON.readTree(information.toFile()).path("data").path("stations")) {
      positions.put(
          s.get("station_id").asText(),
          new double[] {s.get("lon").asDouble(), s.get("lat").asDouble()});
    }
    Map<String, List<double[]>> rings = arrondissementRings();
    List<String> ids = new ArrayList<>(rings.keySet());
    Map<String, double[]> expected = new HashMap<>();
    for (JsonNode s : JSON.readTree(status.toFile()).path("data").path("stations")) {
      double[] p = positions.get(s.get("station_id").asText());
      for (int z = 0; z < rings.size(); z++) {
        if (inside(p[0], p[1], rings.get(ids.get(z)))) {
          double[] e = expected.computeIfAbsent(ids.get(z), k -> new double[5]);
          int bikes = s.get("num_bikes_available").asInt();
          int docks = s.get("num_docks_available").asInt();
          e[0]++;
          e[1] += bikes;
          e[2] += docks;
          e[3] += bikes == 0 ? 1 : 0;
          e[4] += docks == 0 ? 1 : 0;
          break;
        }
      }
    }
    return expected;
  }

  /** Even-odd ray casting. */
  private static boolean inside(double x, double y, List<double[]> ring) {
    boolean in = false;
    for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      double[] a = ring.get(i);
      double[] b = ring.get(j);
      if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
        in = !in;
      }
    }
    return in;
  }

  /** The final flow records in {@code folder} (the early results they replaced left out). */
  private static List<ZoneFlow> finals(Path folder) throws Exception {
    return read(folder, ZoneFlow.class).stream().filter(flow -> !flow.provisional()).toList();
  }

  private static <T> List<T> read(Path folder, Class<T> type) throws Exception {
    List<T> records = new ArrayList<>();
    try (Stream<Path> parts = Files.list(folder)) {
      for (Path part : parts.toList()) {
        for (String line : Files.readAllLines(part)) {
          records.add(JsonLines.MAPPER.readValue(line, type));
        }
      }
    }
    return records;
  }
}
