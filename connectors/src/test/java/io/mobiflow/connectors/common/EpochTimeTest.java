package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochTimeTest {

  @Test
  void acceptsTimesFromTheEpochToTheEndOfYear9999() {
    assertThat(EpochTime.ofSeconds("t", 1_699_405_534L).instant())
        .isEqualTo(Instant.parse("2023-11-08T01:05:34Z"));
    assertThat(EpochTime.ofSeconds("t", 0).instant()).isEqualTo(Instant.EPOCH);
    // 9999-12-31T23:59:59Z: 2932897 days from 1970-01-01 to 10000-01-01, times 86400, minus 1 s
    assertThat(EpochTime.ofSeconds("t", 253_402_300_799L).isValid()).isTrue();
    assertThat(EpochTime.ofMillis("t", 1_699_405_534_123L).instant())
        .isEqualTo(Instant.parse("2023-11-08T01:05:34.123Z"));
  }

  @Test
  void timesOutOfRangeBecomeAProblemNamingTheFieldAndTheValue() {
    for (long bad : new long[] {100_000_000_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      EpochTime time = EpochTime.ofSeconds("header timestamp", bad);
      assertThat(time.isValid()).isFalse();
      assertThat(time.problem()).startsWith("header timestamp = " + bad + " s is outside");
    }
    assertThat(EpochTime.ofSeconds("t", 253_402_300_800L).isValid()).isFalse();
    assertThat(EpochTime.ofMillis("t", Long.MAX_VALUE).isValid()).isFalse();
    assertThat(EpochTime.of("t", Instant.MAX).problem()).contains("+1000000000-12-31T23:59:59");

    Decoded<String> rejected = EpochTime.ofSeconds("time", -5).rejected(SourceRef.file("f", "x"));
    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_VALUE);
    assertThat(rejected.detail()).contains("time = -5 s");
  }
}
