package io.mobiflow.connectors.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.decode.Datex2Decoder;
import io.mobiflow.connectors.counters.decode.ParisArchiveDecoder;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counter documents of one good entity (row or site) then one hostile: the hostile value rejects
 * its entity as a typed rejection naming the field and quoting the value short, the good entity
 * still decodes, nothing is thrown, and no time that would overflow epoch milliseconds gets
 * through.
 */
class HostileCounterValuesTest {

  private static final String ARCHIVE_HEADER =
      "iu_ac,libelle,iu_nd_amont,libelle_nd_amont,iu_nd_aval,libelle_nd_aval,t_1h,q,k,etat_trafic,etat_barre";
  private static final String PORTAL_HEADER =
      "\uFEFFIdentifiant arc;Libelle;Date et heure de comptage;Débit horaire;Taux d'occupation;Etat trafic";

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        csv("time of year +999999999", "S2,+999999999-01-01T00:00:00Z,1,2,3", "timestamp"),
        csv("time 1e17", "S2,1e17,1,2,3", "timestamp"),
        csv("time before 1970", "S2,1969-12-31T23:59:59Z,1,2,3", "timestamp"),
        csv("time of year 10000", "S2,+10000-01-01T00:00:00Z,1,2,3", "timestamp"),
        csv("flow NaN", "S2,2026-01-13T07:00:00Z,NaN,2,3", "flow_veh_h"),
        csv("flow Infinity", "S2,2026-01-13T07:00:00Z,Infinity,2,3", "flow_veh_h"),
        csv("flow 1e400 (overflows to infinity)", "S2,2026-01-13T07:00:00Z,1e400,2,3", "1e400"),
        csv("flow hexadecimal", "S2,2026-01-13T07:00:00Z,0x1p3,2,3", "flow_veh_h"),
        csv("flow with a type suffix", "S2,2026-01-13T07:00:00Z,600d,2,3", "flow_veh_h"),
        csv("flow of 20 digits", "S2,2026-01-13T07:00:00Z,99999999999999999999,2,3", "flowVehH"),
        csv("speed -Infinity", "S2,2026-01-13T07:00:00Z,1,2,-Infinity", "speed_kmh"),
        Arguments.of(
            "Paris archive hour of year +999999999",
            new ParisArchiveDecoder(),
            ARCHIVE_HEADER
                + "\n5672,C,1,A,2,B,2023-02-05 01:00:00,98.0,2.1,1,3"
                + "\n5672,C,1,A,2,B,+999999999-02-05 01:00:00,98.0,2.1,1,3",
            "t_1h"),
        Arguments.of(
            "Paris archive flow NaN",
            new ParisArchiveDecoder(),
            ARCHIVE_HEADER
                + "\n5672,C,1,A,2,B,2023-02-05 01:00:00,98.0,2.1,1,3"
                + "\n5672,C,1,A,2,B,2023-02-05 02:00:00,NaN,2.1,1,3",
            "q"),
        Arguments.of(
            "Paris portal time of year +999999999",
            new ParisPortalDecoder(),
            PORTAL_HEADER
                + "\n4264;AV;2024-01-04T22:00:00+01:00;1034.0;22.8;Fluide"
                + "\n4264;AV;+999999999-01-04T22:00:00+01:00;1034.0;22.8;Fluide",
            "Date et heure de comptage"),
        Arguments.of(
            "Paris portal occupancy 1e400",
            new ParisPortalDecoder(),
            PORTAL_HEADER
                + "\n4264;AV;2024-01-04T22:00:00+01:00;1034.0;22.8;Fluide"
                + "\n4264;AV;2024-01-04T23:00:00+01:00;1034.0;1e400;Fluide",
            "Taux d'occupation"),
        datex2(
            "DATEX II time of year +999999999",
            "+999999999-01-01T00:00:00Z",
            "F:600 S:90",
            "measurementTimeDefault '+999999999"),
        datex2("DATEX II time 1e17", "1e17", "F:600 S:90", "measurementTimeDefault"),
        datex2("DATEX II flow NaN", TIME, "F:NaN S:90", "vehicleFlow 'NaN'"),
        datex2("DATEX II speed 1e400", TIME, "F:600 S:1e400", "averageVehicleSpeed '1e400'"),
        datex2("DATEX II negative flow", TIME, "F:-5 S:90", "vehicleFlow -5.0"),
        datex2("DATEX II occupancy 250 %", TIME, "F:600 O:250", "occupancy 250.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void aHostileValueRejectsItsEntityOnly(
      String name, FeedDecoder<CounterReading> decoder, String document, String detail) {
    List<Decoded<CounterReading>> decoded = decoder.decode(snapshot(document));

    boolean csv = !(decoder instanceof Datex2Decoder);
    long goodLine = csv ? 2 : 1;
    assertThat(decoded.get(0).isOk()).as("the good entity").isTrue();
    assertThat(decoded.get(0).source().line()).isEqualTo(goodLine);
    assertThat(decoded)
        .filteredOn(d -> !d.isOk())
        .first()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.INVALID_VALUE);
              assertThat(d.source().line()).isEqualTo(goodLine + 1);
              assertThat(d.detail()).contains(detail);
            });
    assertThat(decoded)
        .filteredOn(Decoded::isOk)
        .allSatisfy(d -> assertThat(d.value().observedAt().toEpochMilli()).isPositive());
  }

  /**
   * Lane layouts the real files do not show, built by hand: each lane's speed weighs by its flow,
   * in both orders publishers write lanes in; the rules for a lane without a known flow.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // flows then speed per lane (Bison Futé's order): (100*600 + 60*200) / 800
        "flow-first lanes                | F:600 S:100 F:200 S:60        | 800  | 90.0",
        // speed then flows per lane (MIDAS's order), with an empty lane
        "speed-first lanes, one empty    | S:100 F:500 F:100 S:0 F:0     | 600  | 100.0",
        "speeds only: plain mean         | S:100 S:60                    | null | 80.0",
        "one lane without flow           | S:100 F:600 S:60              | 600  | null",
        "every lane empty: no speed      | S:0 F:0 S:0 F:0               | 0    | null",
        "flagged flow, one lane          | S:90 F:!                      | null | 90.0",
        "flagged flow in one of two      | S:100 O:5 F:600 S:60 O:5 F:!  | null | null",
      })
  void siteSpeedWeighsLanesByFlow(String name, String values, Double flow, Double speed) {
    List<Decoded<CounterReading>> decoded = new Datex2Decoder().decode(snapshot(datex2(values)));
    CounterReading reading =
        decoded.stream().filter(Decoded::isOk).findFirst().orElseThrow().value();
    assertThat(reading.flowVehH()).isEqualTo(flow);
    assertThat(reading.speedKmh()).isEqualTo(speed);
  }

  /**
   * A document of another counter format is one WRONG_KIND rejection naming it (before: the generic
   * CSV decoder said MISSING_FIELD for a Paris archive and for DATEX II XML, the DATEX II decoder
   * MALFORMED for a CSV).
   */
  @ParameterizedTest(name = "{1} read by {0}")
  @CsvSource({
    "COUNTER_CSV, COUNTER_DATEX2, /real/datex2/tipi-speeds-trimmed.xml",
    "COUNTER_CSV, COUNTER_PARIS_ARCHIVE, /real/paris/convention_2023.csv.gz",
    "COUNTER_PARIS_ARCHIVE, COUNTER_PARIS_PORTAL,"
        + " /real/paris/comptages-routiers-permanents-washington_opendata-export.csv.gz",
    "COUNTER_PARIS_PORTAL, COUNTER_DATEX2, /real/datex2/tipi-speeds-trimmed.xml",
    "COUNTER_DATEX2, COUNTER_PARIS_ARCHIVE, /real/paris/st_antoine_2023.csv.gz",
  })
  void aDocumentOfAnotherFormatIsRefusedWithTheFormatItIs(
      FeedKind decoderKind, FeedKind documentKind, String file) {
    FeedDecoder<CounterReading> decoder =
        switch (decoderKind) {
          case COUNTER_PARIS_ARCHIVE -> new ParisArchiveDecoder();
          case COUNTER_PARIS_PORTAL -> new ParisPortalDecoder();
          case COUNTER_DATEX2 -> new Datex2Decoder();
          default -> new CounterCsvDecoder();
        };
    assertThat(decoder.decode(Snapshots.resource(documentKind, file)))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.WRONG_KIND);
              assertThat(d.detail()).contains(documentKind.name()).contains(decoderKind.name());
            });
  }

  @Test
  void aSiteOfManyBadValuesIsOneRejectionPerMeasure() {
    String values = "S:90 " + "F:! ".repeat(5_000) + "F:NaN O:-1 O:500";
    List<Decoded<CounterReading>> decoded = new Datex2Decoder().decode(snapshot(datex2(values)));
    // flow: 5,000 flagged and one NaN; occupancy: two out of range; the speed alone is read
    assertThat(decoded)
        .extracting(Decoded::reason)
        .containsExactly(RejectReason.INVALID_VALUE, RejectReason.INVALID_VALUE, null);
    assertThat(decoded.get(0).detail())
        .isEqualTo("site 'S': vehicleFlow flagged dataError (5001 values of vehicleFlow rejected)");
    assertThat(decoded.get(1).detail())
        .isEqualTo(
            "site 'S': occupancy -1.0 is outside [0, 100.0] (2 values of occupancy rejected)");
    assertThat(decoded.get(2).value().speedKmh()).isEqualTo(90.0);
  }

  @Test
  void aLineOverOneMebibyteIsRejectedWithAShortDetailAndTheNextLineStillDecodes() {
    String wide = "1,".repeat(600_000); // 1.2 M characters, 600,001 fields
    List<Decoded<CounterReading>> decoded =
        new CounterCsvDecoder()
            .decode(
                snapshot(
                    CounterCsvDecoder.HEADER
                        + "\n"
                        + wide
                        + "\nS1,2026-01-13T07:00:00Z,600,10,50\n"));
    assertThat(decoded).hasSize(2);
    assertThat(decoded.get(0).reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(decoded.get(0).source().line()).isEqualTo(2);
    assertThat(decoded.get(0).detail()).hasSizeLessThan(300).contains("1200000 characters");
    assertThat(decoded.get(1).isOk()).isTrue();
    assertThat(decoded.get(1).source().line()).isEqualTo(3);
  }

  @Test
  void aHugeHeaderOrValueIsQuotedShortInTheDetail() {
    String wideHeader = "c,".repeat(600_000) + "c";
    assertThat(new CounterCsvDecoder().decode(snapshot(wideHeader + "\n1\n")))
        .singleElement()
        .satisfies(d -> assertThat(d.detail()).hasSizeLessThan(300));
    String hugeTime = "2".repeat(500_000);
    assertThat(
            new CounterCsvDecoder()
                .decode(snapshot(CounterCsvDecoder.HEADER + "\nS1," + hugeTime + ",1,2,3\n")))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.INVALID_VALUE);
              assertThat(d.detail()).hasSizeLessThan(300).contains("500000 characters");
            });
  }

  private static final String TIME = "2026-07-25T08:30:00+02:00";

  private static Arguments csv(String name, String hostileRow, String detail) {
    return Arguments.of(
        name,
        new CounterCsvDecoder(),
        CounterCsvDecoder.HEADER + "\nS1,2026-01-13T07:00:00Z,600,10,50\n" + hostileRow,
        detail);
  }

  private static Arguments datex2(String name, String time, String values, String detail) {
    return Arguments.of(
        name,
        new Datex2Decoder(),
        datex2Document(site("GOOD", TIME, "F:600 S:90") + site("HOSTILE", time, values)),
        detail);
  }

  /** A DATEX II v2 publication of one site with {@code values}. */
  private static String datex2(String values) {
    return datex2Document(site("S", TIME, values));
  }

  private static String datex2Document(String sites) {
    return "<d2LogicalModel xmlns=\"http://datex2.eu/schema/2/2_0\">"
        + "<payloadPublication xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xsi:type=\"MeasuredDataPublication\">"
        + sites
        + "</payloadPublication></d2LogicalModel>";
  }

  /**
   * A siteMeasurements with values {@code F:flow}, {@code S:speed}, {@code O:occupancy}, in order;
   * {@code !} for the value writes it flagged dataError.
   */
  private static String site(String id, String time, String values) {
    return "<siteMeasurements><measurementSiteReference id=\""
        + id
        + "\"/><measurementTimeDefault>"
        + time
        + "</measurementTimeDefault>"
        + Arrays.stream(values.split(" "))
            .map(HostileCounterValuesTest::measuredValue)
            .collect(Collectors.joining())
        + "</siteMeasurements>";
  }

  private static String measuredValue(String value) {
    String[] parts = value.split(":");
    String[] element =
        switch (parts[0]) {
          case "F" -> new String[] {"TrafficFlow", "vehicleFlow", "vehicleFlowRate"};
          case "S" -> new String[] {"TrafficSpeed", "averageVehicleSpeed", "speed"};
          default -> new String[] {"TrafficConcentration", "occupancy", "percentage"};
        };
    String content =
        parts[1].equals("!")
            ? "<dataError>true</dataError>"
            : "<" + element[2] + ">" + parts[1] + "</" + element[2] + ">";
    return "<measuredValue><measuredValue><basicData xsi:type=\""
        + element[0]
        + "\"><"
        + element[1]
        + ">"
        + content
        + "</"
        + element[1]
        + "></basicData></measuredValue></measuredValue>";
  }

  private static FeedSnapshot snapshot(String text) {
    return Snapshots.of(FeedKind.COUNTER_CSV, "hostile", text);
  }
}
