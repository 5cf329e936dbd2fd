package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mobiflow inspect} on the real feeds kept in the connectors' test resources (copies of
 * {@code ../shared/data}, see their ATTRIBUTION.md). Expected figures were worked out from the raw
 * files, independently of Mobiflow: {@code unzip -p F stop_times.txt | tail -n +2 | grep -c .} for
 * GTFS, the bindings' own entity counts for .pb files, Python's json module for GBFS ({@code
 * len(d['data']['stations'])}; Helsinki's 10 stations include 3 without an id or coordinates, so 7
 * decode), and {@code wc -l}, {@code sort | uniq -d} and awk for the counter CSVs (see
 * RealCounterFeedsTest).
 */
class InspectCommandTest {

  private static final Path REAL = Path.of("../connectors/src/test/resources/real");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gtfs/peribus-gtfs.zip | GTFS | stop_times=33408 trips=2374 routes=80 stops=809 stations=520"
            + " shape_points=62754",
        "gtfs/caltrain-ct.zip | GTFS | stop_times=3498 trips=176 routes=9 stops=78 stations=31"
            + " transfers=10",
        "caltrain/ct-trip-updates.pb | GTFS-Realtime | entities=19 trip_updates=19"
            + " stop_time_updates=220",
        "caltrain/ct-vehicle-positions.pb | GTFS-Realtime | entities=14 vehicle_positions=14",
        "brest/bibus-brest-gtfs-rt-alerts.pb | GTFS-Realtime | entities=12 alerts=12",
        "gbfs/velib-paris/station_information.json.gz | GBFS station_information | stations=1485",
        "gbfs/velib-paris/station_status.json.gz | GBFS station_status | stations=1485",
        "gbfs/tier-wolfsburg/free_bike_status_series/free_bike_status_1690892581.json.gz"
            + " | GBFS free_bike_status | vehicles=854",
        "gbfs/almere/vehicle_status.json | GBFS vehicle_status | vehicles=6",
        "gbfs/almere/geofencing_zones.json | GBFS geofencing_zones | zones=14",
        "gbfs/lillestrombysykkel/gbfs.json | GBFS gbfs (discovery) | feeds=6",
        "gbfs/lillestrombysykkel/station_status.json | GBFS station_status | stations=6"
            + " vehicles_available=57",
        "gbfs/lillestrombysykkel/station_information.json | GBFS station_information | stations=6",
        "gbfs/lillestrombysykkel/system_pricing_plans.json"
            + " | GBFS system_pricing_plans (listed, not decoded) | plans=2",
        "gbfs/helsinki/station_information.json | GBFS station_information | stations=7",
        "gbfs/helsinki/station_status.json | GBFS station_status | stations=10"
            + " vehicles_available=43",
        "gbfs/tier-wolfsburg/vehicle_types.json | GBFS vehicle_types | vehicle_types=1",
        "gbfs/almere/system_information.json | GBFS system_information | systems=1",
        "paris/convention_2023.csv.gz | Paris counters, yearly archive CSV | rows=9503"
            + " duplicates=744 readings=8724 no_measure=35 empty_flow=4 empty_occupancy=192",
        "paris/st_antoine_2023.csv.gz | Paris counters, yearly archive CSV | rows=9503"
            + " duplicates=744 no_measure=91 empty_flow=0 empty_occupancy=5",
        "paris/comptages-routiers-permanents-washington_opendata-export.csv.gz"
            + " | Paris counters, open-data portal CSV | rows=8412 duplicates=0 no_measure=319"
            + " empty_occupancy=60 sites_with_geometry=1",
        "datex2/midas-loops.xml.gz | DATEX II MeasuredDataPublication | site_measurements=108",
        "datex2/tipi-speeds-trimmed.xml | DATEX II MeasuredDataPublication | site_measurements=2"
            + " readings=2"
      })
  void jsonGivesTheIndependentFiguresAsNumbers(String file, String format, String figures)
      throws Exception {
    assertThat(run("inspect", "--json", REAL.resolve(file).toString())).isZero();
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.get("format").asText()).isEqualTo(format);
    for (String figure : figures.trim().split(" +")) {
      String[] pair = figure.split("=");
      JsonNode value = report.path("counts").get(pair[0]);
      assertThat(value).as(pair[0]).isNotNull();
      assertThat(value.isIntegralNumber()).as(pair[0] + " is a number").isTrue();
      assertThat(value.asLong()).as(pair[0]).isEqualTo(Long.parseLong(pair[1]));
    }
  }

  @Test
  void textShowsTheSameCountsRejectionsAndExamples() {
    assertThat(run("inspect", REAL.resolve("paris/convention_2023.csv.gz").toString())).isZero();
    assertThat(out.toString())
        .contains("Paris counters, yearly archive CSV")
        .containsPattern("rows +9,503")
        .containsPattern("duplicates +744")
        .containsPattern("rejected DUPLICATE +744")
        .contains("e.g. DUPLICATE at inspect convention_2023.csv.gz:")
        .contains("time span              2023-01-01T00:00:00Z .. 2023-12-31T23:00:00Z");
  }

  @Test
  void aGbfsFolderGivesOneReportPerFile() throws Exception {
    assertThat(run("inspect", "--json", REAL.resolve("gbfs/almere").toString())).isZero();
    JsonNode files = JSON.readTree(out.toString()).get("files");
    assertThat(files).hasSize(5);
    assertThat(files.findValuesAsText("format"))
        .containsExactly(
            "GBFS gbfs (discovery)",
            "GBFS geofencing_zones",
            "GBFS system_information",
            "GBFS vehicle_status",
            "GBFS vehicle_types");
  }

  @Test
  void unknownOrUnreadableInputGetsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello, world\n");
    Path json = Files.writeString(dir.resolve("other.json"), "{\"data\": {\"pets\": []}}");
    Path xml = Files.writeString(dir.resolve("other.xml"), "<html/>");
    for (Path bad : new Path[] {text, json, xml, dir.resolve("missing.pb"), dir}) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      assertThat(run("inspect", bad.toString())).as(bad.toString()).isEqualTo(2);
      assertThat(err.toString().lines())
          .singleElement()
          .asString()
          .startsWith("mobiflow inspect: ");
      assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
