package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A flow's JSON is one flat object, its groups' fields beside the unit and window in the order they
 * always had (the JSON lines and Kafka records of 0.1, byte for byte), and reads back as the same
 * flow.
 */
class RoundTripTest {

  /** The JSON of {@link #FLOW} as 0.1's flat 36-field record wrote it. */
  private static final String JSON =
      "{\"unit\":\"STOP\",\"unitId\":\"S1\",\"windowStart\":\"2026-01-13T07:00:00Z\","
          + "\"windowEnd\":\"2026-01-13T07:05:00Z\","
          + "\"roadData\":true,\"counterReadings\":2,\"meanFlowVehH\":400.0,"
          + "\"meanOccupancyPct\":15.0,\"meanSpeedKmh\":45.0,\"freeFlowSpeedKmh\":60.0,"
          + "\"speedIndex\":0.75,\"congestion\":\"HEAVY\","
          + "\"transitData\":true,\"vehiclePositions\":3,\"crowdedShare\":0.5,"
          + "\"stopTimeUpdates\":6,\"meanDelaySeconds\":262.0,\"p90DelaySeconds\":1000,"
          + "\"onTimeShare\":0.6,\"stopsNotServed\":1,\"scheduledDepartures\":null,"
          + "\"realtimeDepartures\":4,\"meanHeadwaySeconds\":600.0,\"headwayCv\":null,"
          + "\"sharedMobilityData\":true,\"stationReports\":5,\"vehiclesAvailable\":4.0,"
          + "\"minVehiclesAvailable\":0,\"docksAvailable\":3.2,\"emptyStationMinutes\":1.0,"
          + "\"fullStationMinutes\":2.0,\"meanVehiclesDisabled\":2.5,\"pickUps\":null,"
          + "\"pickUpsSuppressed\":true,\"dropOffs\":11,\"dropOffsSuppressed\":false}";

  private static final ZoneFlow FLOW =
      new ZoneFlow(
          SpatialUnit.STOP,
          "S1",
          Instant.parse("2026-01-13T07:00:00Z"),
          Instant.parse("2026-01-13T07:05:00Z"),
          new Road(true, 2, 400.0, 15.0, 45.0, 60.0, 0.75, TrafficState.HEAVY),
          new Transit(true, 3, 0.5, 6, 262.0, 1000, 0.6, 1, null, 4, 600.0, null),
          new SharedMobility(true, 5, 4.0, 0, 3.2, 1.0, 2.0, 2.5, null, true, 11L, false),
          false);

  @Test
  void writesTheFlatObjectOfBeforeWithWhetherItIsProvisional() throws Exception {
    String json = JSON.substring(0, JSON.length() - 1) + ",\"provisional\":false}";
    assertThat(JsonLines.MAPPER.writeValueAsString(FLOW)).isEqualTo(json);
  }

  @Test
  void readsARecordOfBeforeAsTheSameFinalFlow() throws Exception {
    assertThat(JsonLines.MAPPER.readValue(JSON, ZoneFlow.class)).isEqualTo(FLOW);
  }

  @Test
  void readsAProvisionalRecordBackAsProvisional() throws Exception {
    String json = JSON.substring(0, JSON.length() - 1) + ",\"provisional\":true}";
    ZoneFlow flow = JsonLines.MAPPER.readValue(json, ZoneFlow.class);
    assertThat(flow.provisional()).isTrue();
    assertThat(JsonLines.MAPPER.writeValueAsString(flow)).isEqualTo(json);
  }
}
