package io.mobiflow.connectors.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.decode.Datex2Decoder;
import io.mobiflow.connectors.counters.decode.ParisArchiveDecoder;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.counters.model.TrafficState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real counter files of {@code ../shared/data/counters}, whole, decoded. Expected figures come
 * from the raw files with the shell commands written beside them, not from the decoders.
 */
class RealCounterFeedsTest {

  /**
   * Figures per archive file, with {@code f} the CSV:
   *
   * <ul>
   *   <li>rows: {@code tail -n +2 f | wc -l}
   *   <li>duplicates: rows minus {@code tail -n +2 f | sort -u | wc -l}
   *   <li>both empty, flow only empty, occupancy only empty: {@code tail -n +2 f | sort -u | awk
   *       -F, '{if($8==""&&$9=="")b++; else if($8=="")q++; else if($9=="")k++} END{...}'}
   *   <li>states of the rows that are readings: {@code tail -n +2 f | sort -u | awk -F,
   *       '!($8==""&&$9==""){s[$10]++} END{...}'}
   * </ul>
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // file, rows, duplicates, both empty, flow empty, occupancy empty, free, heavy, congested,
    // blocked, unknown
    "convention_2023.csv.gz, 9503, 744, 35, 4, 192, 8515, 17, 0, 0, 192",
    "st_antoine_2023.csv.gz, 9503, 744, 91, 0, 5, 8493, 151, 9, 10, 5"
  })
  void parisArchiveFilesDecodeWithTheirDuplicatesAndEmptyValuesAccountedFor(
      String file,
      int rows,
      int duplicates,
      int bothEmpty,
      int flowEmpty,
      int occupancyEmpty,
      int free,
      int heavy,
      int congested,
      int blocked,
      int unknown) {
    List<Decoded<CounterReading>> decoded =
        new ParisArchiveDecoder()
            .decode(Snapshots.resource(FeedKind.COUNTER_PARIS_ARCHIVE, "/real/paris/" + file));

    assertThat(decoded).hasSize(rows);
    assertThat(reasons(decoded))
        .containsOnly(
            Map.entry(RejectReason.DUPLICATE, (long) duplicates),
            Map.entry(RejectReason.MISSING_FIELD, (long) bothEmpty));
    List<CounterReading> readings = readings(decoded);
    assertThat(readings).hasSize(rows - duplicates - bothEmpty);
    assertThat(readings).filteredOn(r -> r.flowVehH() == null).hasSize(flowEmpty);
    assertThat(readings).filteredOn(r -> r.occupancyPct() == null).hasSize(occupancyEmpty);
    assertThat(readings).allMatch(r -> r.speedKmh() == null);
    Map<TrafficState, Long> states =
        readings.stream()
            .filter(r -> r.state() != null)
            .collect(Collectors.groupingBy(CounterReading::state, Collectors.counting()));
    assertThat(states.getOrDefault(TrafficState.FREE_FLOW, 0L)).isEqualTo(free);
    assertThat(states.getOrDefault(TrafficState.HEAVY, 0L)).isEqualTo(heavy);
    assertThat(states.getOrDefault(TrafficState.CONGESTED, 0L)).isEqualTo(congested);
    assertThat(states.getOrDefault(TrafficState.BLOCKED, 0L)).isEqualTo(blocked);
    assertThat(readings.stream().filter(r -> r.state() == null).count()).isEqualTo(unknown);
  }

  @Test
  void parisArchiveRowIsReadInParisLocalTime() {
    // line 2 of convention_2023.csv:
    // 5672,Convention,2973,...,2023-02-05 01:00:00,98.0,2.10056,1,3 — winter, UTC+1
    Decoded<CounterReading> first =
        new ParisArchiveDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.COUNTER_PARIS_ARCHIVE, "/real/paris/convention_2023.csv.gz"))
            .get(0);
    assertThat(first.source().line()).isEqualTo(2);
    assertThat(first.value())
        .isEqualTo(
            new CounterReading(
                "5672",
                Instant.parse("2023-02-05T00:00:00Z"),
                98.0,
                2.10056,
                null,
                TrafficState.FREE_FLOW));
  }

  /**
   * The portal export (8,412 rows, {@code tail -n +2 f | wc -l}); with awk -F';' over its rows: 319
   * rows with both flow and occupancy empty, 60 with occupancy only empty, none with flow only
   * empty, no duplicate row ({@code sort | uniq -d}); states Fluide 3,818, Pré-saturé 3,372, Saturé
   * 647, Bloqué 196, Inconnu 379.
   */
  @Test
  void parisPortalExportDecodesWithStatesAndTheArcGeometry() {
    FeedSnapshot snapshot =
        Snapshots.resource(
            FeedKind.COUNTER_PARIS_PORTAL,
            "/real/paris/comptages-routiers-permanents-washington_opendata-export.csv.gz");
    List<Decoded<CounterReading>> decoded = new ParisPortalDecoder().decode(snapshot);

    assertThat(decoded).hasSize(8412);
    assertThat(reasons(decoded)).containsOnly(Map.entry(RejectReason.MISSING_FIELD, 319L));
    List<CounterReading> readings = readings(decoded);
    assertThat(readings).hasSize(8412 - 319);
    assertThat(readings).filteredOn(r -> r.occupancyPct() == null).hasSize(60);
    assertThat(readings).allMatch(r -> r.flowVehH() != null && r.siteId().equals("4264"));
    Map<TrafficState, Long> states =
        readings.stream()
            .filter(r -> r.state() != null)
            .collect(Collectors.groupingBy(CounterReading::state, Collectors.counting()));
    // the 319 both-empty rows are all "Inconnu" when no "Inconnu" row is left among the readings
    assertThat(states)
        .containsOnly(
            Map.entry(TrafficState.FREE_FLOW, 3818L),
            Map.entry(TrafficState.HEAVY, 3372L),
            Map.entry(TrafficState.CONGESTED, 647L),
            Map.entry(TrafficState.BLOCKED, 196L));
    assertThat(readings).filteredOn(r -> r.state() == null).hasSize(379 - 319);
    // line 2: 4264;AV_Champs_Elysees;2024-01-04T22:00:00+01:00;1034.0;22.86333;Pré-saturé;...
    assertThat(decoded.get(0).value())
        .isEqualTo(
            new CounterReading(
                "4264",
                Instant.parse("2024-01-04T21:00:00Z"),
                1034.0,
                22.86333,
                null,
                TrafficState.HEAVY));

    List<Decoded<CounterSite>> sites = ParisPortalDecoder.sites(snapshot);
    assertThat(sites).singleElement().matches(Decoded::isOk);
    CounterSite site = sites.get(0).value();
    assertThat(site.siteId()).isEqualTo("4264");
    assertThat(site.latitude()).isEqualTo(48.87153587897717);
    assertThat(site.road().geometry().getNumPoints()).isEqualTo(2);
    assertThat(site.road().geometry().getCoordinateN(0).x).isEqualTo(2.3009951475338766);
  }

  @Test
  void frenchDatex2SitesGiveFlowAndSpeed() {
    List<Decoded<CounterReading>> decoded =
        new Datex2Decoder()
            .decode(
                Snapshots.resource(
                    FeedKind.COUNTER_DATEX2, "/real/datex2/tipi-speeds-trimmed.xml"));
    // from the file: MUM76.h1 1010 veh/h at 112.0 km/h; A0001011200 1420 veh/h; 08:30+02:00
    assertThat(readings(decoded))
        .extracting(CounterReading::siteId, CounterReading::flowVehH, CounterReading::observedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "MUM76.h1", 1010.0, Instant.parse("2026-07-25T06:30:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                "A0001011200", 1420.0, Instant.parse("2026-07-25T06:30:00Z")));
    assertThat(readings(decoded).get(0).speedKmh()).isEqualTo(112.0);
  }

  /**
   * The UK MIDAS file: 108 sites ({@code grep -o '<siteMeasurements>' f | wc -l}); 76 values
   * flagged {@code <dataError>true}, of which 7 are headways (not read), so 69 flagged values of
   * flow, speed or occupancy; each site gives one rejection per measure with flagged values, which
   * the test counts from the raw XML per site. A site gives a reading when at least one of flow,
   * speed, occupancy has values and none flagged, also counted from the raw XML.
   */
  @Test
  void ukMidasSitesSumLanesAndClassesAndRejectFlaggedValues() {
    FeedSnapshot snapshot =
        Snapshots.resource(FeedKind.COUNTER_DATEX2, "/real/datex2/midas-loops.xml.gz");
    List<Decoded<CounterReading>> decoded = new Datex2Decoder().decode(snapshot);

    String xml = new String(snapshot.payload(), java.nio.charset.StandardCharsets.UTF_8);
    String[] sites = xml.split("<siteMeasurements>");
    assertThat(sites.length - 1).isEqualTo(108);
    int withReading = 0;
    int noValidMeasure = 0;
    int flaggedMeasures = 0;
    int flaggedValues = 0;
    for (int s = 1; s < sites.length; s++) {
      boolean any = false;
      for (String element : List.of("vehicleFlow", "averageVehicleSpeed", "occupancy")) {
        boolean present = sites[s].contains("<" + element + ">");
        String flag = "<" + element + "><dataError>true";
        boolean flagged = sites[s].contains(flag);
        any |= present && !flagged;
        flaggedMeasures += flagged ? 1 : 0;
        flaggedValues += sites[s].split(flag, -1).length - 1;
      }
      if (any) {
        withReading++;
      } else {
        noValidMeasure++;
      }
    }
    assertThat(readings(decoded)).hasSize(withReading);
    Map<RejectReason, Long> reasons = reasons(decoded);
    assertThat(flaggedValues).isEqualTo(69);
    assertThat(reasons.get(RejectReason.INVALID_VALUE)).isEqualTo((long) flaggedMeasures);
    assertThat(flaggedMeasures).isLessThan(flaggedValues);
    assertThat(reasons.getOrDefault(RejectReason.MISSING_FIELD, 0L)).isEqualTo(noValidMeasure);

    // first site, by hand from its 28 values: lanes' class flows 120+60+60+0, 300+60+180+360,
    // 900+60+0+120, 300+60+0+0 = 240 + 900 + 1080 + 360 = 2580 veh/h; lane speeds 96, 89, 113,
    // 117 weighted by those flows -> (96*240 + 89*900 + 113*1080 + 117*360) / 2580 = 267300 /
    // 2580 km/h (the plain mean was 103.75); occupancies 2, 12, 8, 2 -> 6 %; 09:38+01:00
    assertThat(decoded.get(0).value())
        .isEqualTo(
            new CounterReading(
                "1816E27C1C474CB981FC38C5A55451E4",
                Instant.parse("2015-04-29T08:38:00Z"),
                2580.0,
                6.0,
                267300.0 / 2580,
                null));
  }

  /**
   * MIDAS sites with an empty lane (flow 0, published with speed 0.0): the site's speed is weighted
   * by lane flow, the empty lane left out (the plain mean halved site 8's speed to 39.5 km/h).
   * Values of site {@code n} (line {@code n + 1}, the first line being the header before the first
   * site), in document order, with {@code f} the file:
   *
   * <pre>
   * zcat f | sed 's/&lt;siteMeasurements&gt;/\n&amp;/g' | sed -n "$((n + 1))p" \
   *   | grep -oE 'id="[^"]*"|&lt;measurementTimeDefault&gt;[^&lt;]*|&lt;speed&gt;[^&lt;]*|&lt;vehicleFlowRate&gt;[^&lt;]*|&lt;percentage&gt;[^&lt;]*'
   * </pre>
   *
   * <p>MIDAS writes per lane a speed, an occupancy (and a headway, not read), then four flows by
   * vehicle length. Site 8: 79.0 4.0 180 120 120 0 | 0.0 0.0 0 0 0 0 -> lanes (79 km/h, 420 veh/h)
   * and (0 km/h, 0 veh/h): speed 79, flow 420, occupancy (4 + 0) / 2 = 2. Site 11: 93.0 10.0 720 0
   * 0 240 | 104.0 6.0 960 0 60 0 | 0.0 0.0 0 0 0 0 -> (93, 960), (104, 1020), (0, 0): speed (93*960
   * + 104*1020) / 1980 = 195360 / 1980 (the plain mean was 65.67), occupancy 16 / 3.
   */
  @ParameterizedTest(name = "site {0}")
  @CsvSource({
    "8, B8EE9A862C174BD198673565A338769E, 2015-04-29T08:38:00Z, 420, 2.0, 79.0",
    "11, 7877E1FA9F4B4674BED9E33FA55D3C3B, 2015-04-29T08:25:00Z, 1980, 5.333333333333333,"
        + " 98.66666666666667"
  })
  void ukMidasSiteSpeedIsWeightedByLaneFlowLeavingEmptyLanesOut(
      long site, String id, Instant time, double flow, double occupancy, double speed) {
    List<Decoded<CounterReading>> decoded =
        new Datex2Decoder()
            .decode(Snapshots.resource(FeedKind.COUNTER_DATEX2, "/real/datex2/midas-loops.xml.gz"));
    assertThat(decoded)
        .filteredOn(d -> d.source().line() == site)
        .singleElement()
        .extracting(Decoded::value)
        .isEqualTo(new CounterReading(id, time, flow, occupancy, speed, null));
    assertThat(speed).isEqualTo(site == 8 ? 79.0 : 195360.0 / 1980);
  }

  @Test
  void datex2Version3IsReadByLocalNames() {
    String v3 =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload"
            xmlns:mdp="http://datex2.eu/schema/3/measuredData"
            xmlns:com="http://datex2.eu/schema/3/common"
            xmlns:roa="http://datex2.eu/schema/3/roadTrafficData"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:type="mdp:MeasuredDataPublication" lang="fr" modelBaseVersion="3">
          <com:publicationTime>2026-07-25T08:24:00+02:00</com:publicationTime>
          <mdp:siteMeasurements>
            <mdp:measurementSiteReference id="MUM76.h1" version="1" targetClass="mdp:MeasurementSiteRecord"/>
            <mdp:measurementTimeDefault>2026-07-25T08:30:00+02:00</mdp:measurementTimeDefault>
            <mdp:physicalQuantity index="0">
              <mdp:basicData xsi:type="roa:TrafficFlow">
                <roa:vehicleFlow><roa:vehicleFlowRate>1010</roa:vehicleFlowRate></roa:vehicleFlow>
              </mdp:basicData>
            </mdp:physicalQuantity>
            <mdp:physicalQuantity index="1">
              <mdp:basicData xsi:type="roa:TrafficSpeed">
                <roa:averageVehicleSpeed><com:speed>112.0</com:speed></roa:averageVehicleSpeed>
              </mdp:basicData>
            </mdp:physicalQuantity>
          </mdp:siteMeasurements>
        </d2:payload>
        """;
    assertThat(
            new Datex2Decoder().decode(Snapshots.of(FeedKind.COUNTER_DATEX2, "v3.xml", v3.strip())))
        .singleElement()
        .extracting(Decoded::value)
        .isEqualTo(
            new CounterReading(
                "MUM76.h1", Instant.parse("2026-07-25T06:30:00Z"), 1010.0, null, 112.0, null));
  }

  private static List<CounterReading> readings(List<Decoded<CounterReading>> decoded) {
    return decoded.stream().filter(Decoded::isOk).map(Decoded::value).toList();
  }

  private static Map<RejectReason, Long> reasons(List<Decoded<CounterReading>> decoded) {
    return decoded.stream()
        .filter(d -> !d.isOk())
        .collect(Collectors.groupingBy(Decoded::reason, Collectors.counting()));
  }
}
