package io.mobiflow.connectors.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterCsvDecoderTest {

  private static final String HEADER = "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh";
  private final CounterCsvDecoder decoder = new CounterCsvDecoder();

  @Test
  void decodesReadingsWithMissingMeasuresAsNull() {
    List<Decoded<CounterReading>> decoded =
        decode(
            HEADER
                + "\r\nS1,2026-01-13T08:01:00+01:00,600,10.5,50\r\n\r\nS2,2026-01-13T07:02:00Z,300,,\r\n");
    assertThat(decoded).allMatch(Decoded::isOk);
    assertThat(decoded)
        .extracting(Decoded::value)
        .containsExactly(
            new CounterReading(
                "S1", Instant.parse("2026-01-13T07:01:00Z"), 600.0, 10.5, 50.0, null),
            new CounterReading(
                "S2", Instant.parse("2026-01-13T07:02:00Z"), 300.0, null, null, null));
    assertThat(decoded).extracting(d -> d.source().line()).containsExactly(2L, 4L);
  }

  @Test
  void acceptsAByteOrderMark() {
    assertThat(decode("\uFEFF" + HEADER + "\nS1,2026-01-13T07:01:00Z,1,2,3"))
        .allMatch(Decoded::isOk);
  }

  @Test
  void rejectsTheWholeFileWhenColumnsAreMissing() {
    List<Decoded<CounterReading>> decoded = decode("id;time;q\nS1;2026;3");
    assertThat(decoded)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.MISSING_FIELD);
              assertThat(d.source().line()).isEqualTo(1);
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "S1,2026-01-13T07:01:00Z,600,10                | MALFORMED",
        "S1,2026-01-13T07:01:00Z,600,10,50,7           | MALFORMED",
        "S1,13/01/2026 07:01,600,10,50                 | INVALID_VALUE",
        "S1,2026-01-13T07:01:00,600,10,50              | INVALID_VALUE",
        "S1,2026-01-13T07:01:00Z,-1,10,50              | INVALID_VALUE",
        "S1,2026-01-13T07:01:00Z,600,101,50            | INVALID_VALUE",
        "S1,2026-01-13T07:01:00Z,NaN,10,50             | INVALID_VALUE",
        "S1,2026-01-13T07:01:00Z,six hundred,10,50     | INVALID_VALUE",
        "S1,2026-01-13T07:01:00Z,,,                    | MISSING_FIELD",
        ",2026-01-13T07:01:00Z,600,10,50               | MISSING_FIELD",
        "S0,2026-01-13T07:00:00Z,1,1,1                 | DUPLICATE"
      })
  void rejectsABadLineWithItsReasonAndLine(String line, RejectReason reason) {
    List<Decoded<CounterReading>> decoded =
        decode(HEADER + "\nS0,2026-01-13T07:00:00Z,1,1,1\n" + line.strip());
    assertThat(decoded.get(0).isOk()).isTrue();
    assertThat(decoded.get(1).reason()).isEqualTo(reason);
    assertThat(decoded.get(1).source().line()).isEqualTo(3);
    assertThat(decoded.get(1).source().file()).isEqualTo("readings.csv");
  }

  private List<Decoded<CounterReading>> decode(String text) {
    return decoder.decode(Snapshots.of(FeedKind.COUNTER_CSV, "readings.csv", text));
  }
}
