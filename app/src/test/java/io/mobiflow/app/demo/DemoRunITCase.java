package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.geodata.load.GeoPackageZones;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.testing.DebianPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on a local MiniCluster: every simulated observation of the three feed kinds
 * is counted once in some zone and window. The expected totals come from the feed files themselves,
 * read independently of the job.
 */
class DemoRunITCase {

  @TempDir Path out;

  @Test
  void theDemoWritesIndicatorsForAllThreeFeedKindsAndCountsEveryObservationOnce() throws Exception {
    StringWriter progress = new StringWriter();
    DemoRun.Result result =
        DemoRun.run(
            new DemoRun.Options(
                out, 42, DemoData.DEFAULT_DATE, LocalTime.of(7, 0), Duration.ofMinutes(20), 2),
            new PrintWriter(progress, true));

    long vehiclePositions = 0;
    for (SnapshotFile file : SnapshotDirectory.scan(out.resolve("feeds"))) {
      if (file.kind() == FeedKind.GTFS_RT_VEHICLE_POSITIONS) {
        vehiclePositions +=
            FeedMessage.parseFrom(Files.readAllBytes(Path.of(file.path()))).getEntityCount();
      }
    }
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    // 20 minutes: one reading per site and minute; one report per station and minute.
    long counterReadings = 20L * city.counterSites().size();
    long stationReports = 20L * city.stations().size();

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.flows().stream().mapToLong(f -> f.road().counterReadings()).sum())
        .isEqualTo(counterReadings);
    assertThat(result.flows().stream().mapToLong(f -> f.shared().stationReports()).sum())
        .isEqualTo(stationReports);
    assertThat(result.flows().stream().mapToLong(f -> f.transit().vehiclePositions()).sum())
        .isEqualTo(vehiclePositions)
        .isPositive();
    assertThat(result.flows())
        .anyMatch(f -> f.road().meanFlowVehH() != null && f.road().meanFlowVehH() > 0);
    assertThat(result.flows()).anyMatch(f -> f.transit().meanDelaySeconds() != null);
    assertThat(result.flows()).anyMatch(f -> f.shared().vehiclesAvailable() != null);
    assertThat(result.flows())
        .allMatch(
            f -> Duration.between(f.windowStart(), f.windowEnd()).equals(Duration.ofMinutes(5)));
    assertThat(out.resolve("city/zones.geojson")).isNotEmptyFile();
    assertThat(progress.toString()).contains("SIMULATED").contains("MiniCluster");
  }

  @Test
  void theDemoPublishesSuggestionsAsAnAlertsFeedNamingEntitiesOfTheStaticFeed() throws Exception {
    DemoRun.Result result =
        DemoRun.run(
            new DemoRun.Options(
                out, 42, DemoData.DEFAULT_DATE, LocalTime.of(7, 0), Duration.ofMinutes(40), 2),
            new PrintWriter(new StringWriter(), true));
    CompactTimetable timetable = CompactTimetableLoader.load(out.resolve("city/peribus-gtfs.zip"));
    Set<String> stops =
        timetable.stops().stream().map(TransitStop::stopId).collect(Collectors.toSet());

    Set<String> routes = new HashSet<>();
    try (ZipFile zip = new ZipFile(out.resolve("city/peribus-gtfs.zip").toFile())) {
      String text = new String(zip.getInputStream(zip.getEntry("routes.txt")).readAllBytes());
      text.lines().skip(1).forEach(line -> routes.add(line.split(",", 2)[0].replace("\"", "")));
    }
    Map<String, List<Suggestion>> byId =
        result.suggestions().stream()
            .sorted(Comparator.comparing(Suggestion::at))
            .collect(Collectors.groupingBy(Suggestion::id, TreeMap::new, Collectors.toList()));
    assertThat(byId.values())
        .extracting(list -> list.get(0).type())
        .contains(SuggestionType.SHARED_VEHICLE_FOR_DELAY, SuggestionType.CONNECTION_AT_RISK);
    for (List<Suggestion> records : byId.values()) {
      // issued first; the bounded run ends every one (withdrawn or expired); an ended one may be
      // issued again, an issued one is replaced only by different advice
      assertThat(records.get(0).status()).isEqualTo(SuggestionStatus.ISSUED);
      assertThat(records.get(records.size() - 1).status()).isNotEqualTo(SuggestionStatus.ISSUED);
      for (int i = 1; i < records.size(); i++) {
        Suggestion before = records.get(i - 1);
        Suggestion after = records.get(i);
        if (before.status() != SuggestionStatus.ISSUED) {
          assertThat(after.status())
              .as("after an end of %s", after.id())
              .isEqualTo(SuggestionStatus.ISSUED);
        } else if (after.status() == SuggestionStatus.ISSUED) {
          assertThat(after.sameAdviceAs(before)).as("a repeat of %s", after.id()).isFalse();
        }
      }
    }

    FeedMessage feed = FeedMessage.parseFrom(Files.readAllBytes(result.alertsFeed()));
    assertThat(feed.getEntityCount()).isEqualTo(byId.size());
    for (FeedEntity entity : feed.getEntityList()) {
      Alert alert = entity.getAlert();
      assertThat(alert.getHeaderText().getTranslationList())
          .extracting(t -> t.getLanguage())
          .containsExactly("fr", "en");
      assertThat(alert.getActivePeriodCount()).isEqualTo(1);
      for (EntitySelector selector : alert.getInformedEntityList()) {
        if (selector.hasStopId()) {
          assertThat(stops).contains(selector.getStopId());
        }
        if (selector.hasRouteId()) {
          assertThat(routes).contains(selector.getRouteId());
        }
        if (selector.hasTrip()) {
          assertThat(timetable.runsOn(selector.getTrip().getTripId(), DemoData.DEFAULT_DATE))
              .isTrue();
        }
      }
    }
  }

  @Test
  void theFlowTablesCanBeReadWithPlainSqliteWhileTheJobWritesThem() throws Exception {
    Path gpkg = out.resolve("flows.gpkg");
    CompletableFuture<DemoRun.Result> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DemoRun.run(
                    new DemoRun.Options(
                        out,
                        42,
                        DemoData.DEFAULT_DATE,
                        LocalTime.of(6, 0),
                        Duration.ofMinutes(240),
                        2),
                    new PrintWriter(new StringWriter(), true));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    List<Long> counts = new ArrayList<>();
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", "1");
    while (!run.isDone()) {
      if (Files.exists(gpkg)) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg, readOnly);
            ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM flows")) {
          rows.next();
          counts.add(rows.getLong(1));
        } catch (SQLException e) {
          if (!e.getMessage().contains("no such table")) { // created just after the file
            throw e;
          }
        }
      }
      Thread.sleep(50);
    }
    DemoRun.Result result = run.get();

    long finalCount;
    long zones;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg, readOnly);
        ResultSet rows =
            db.createStatement()
                .executeQuery(
                    "SELECT COUNT(*), SUM(CASE WHEN unit = 'ZONE' THEN 1 ELSE 0 END) FROM flows")) {
      rows.next();
      finalCount = rows.getLong(1);
      zones = rows.getLong(2);
    }
    assertThat(zones).isEqualTo(result.flows().size());
    assertThat(counts).as("read while the job ran").isNotEmpty().isSorted();
    assertThat(counts)
        .as("a read saw the table partly written (a commit before the end)")
        .anyMatch(n -> n > 0 && n < finalCount);
    assertThat(GeoPackageZones.read(gpkg, "zones", "id", "name")).hasSize(result.zones().size());

    // GDAL, which QGIS opens GeoPackages with, reads the zones layer and the flows table
    String zonesLayer = DebianPackages.ogrinfo("-ro", "-so", gpkg.toString(), "zones");
    assertThat(zonesLayer)
        .contains("Feature Count: " + result.zones().size())
        .containsPattern("Geometry: (Multi )?Polygon")
        .contains("ID[\"EPSG\",4326]");
    String zoneRows =
        DebianPackages.ogrinfo(
            "-ro",
            "-q",
            gpkg.toString(),
            "-sql",
            "SELECT COUNT(*) AS n FROM flows WHERE unit = 'ZONE'");
    assertThat(zoneRows).contains("n (Integer) = " + zones);
  }
}
