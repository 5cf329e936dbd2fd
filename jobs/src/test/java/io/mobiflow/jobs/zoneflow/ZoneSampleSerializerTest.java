package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Samples survive the serializer unchanged, NaN slots and nanoseconds included. */
class ZoneSampleSerializerTest {

  @Test
  void flinkPicksTheSerializerForZoneSample() {
    assertThat(TypeInformation.of(ZoneSample.class)).isInstanceOf(ZoneSampleSerializer.Info.class);
  }

  @Test
  void roundTripsEveryField() throws Exception {
    ZoneSample sample =
        ZoneSample.of(
                "zone-1",
                SharedMobilityIndicators.STATION_INTERVAL,
                Instant.parse("2026-01-13T07:03:00.123456789Z"))
            .with(SharedMobilityIndicators.VEHICLES_AVAILABLE, -0.0)
            .with(SharedMobilityIndicators.STATION_SECONDS, 120.5)
            .in(SpatialUnit.STATION, "station-é-42");
    DataOutputSerializer out = new DataOutputSerializer(64);
    ZoneSampleSerializer.INSTANCE.serialize(sample, out);
    ZoneSample back =
        ZoneSampleSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).isEqualTo(sample);

    DataOutputSerializer copied = new DataOutputSerializer(64);
    ZoneSampleSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    assertThat(ZoneSampleSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
        .isSameAs(ZoneSampleSerializer.INSTANCE);
  }
}
