package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed pick-up/drop-off operator in Flink's operator test harness. */
class VehicleChangesFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<
          String, FeedSnapshot, Tuple4<String, Long, Long, MatchedVehicleChange>>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new VehicleChangesFunction(places(), EventTimeBounds.DEFAULT)),
            FeedSnapshot::feedId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void theFirstSnapshotOnlySetsTheStateThenChangesAreEmitted() throws Exception {
    push(100, bike("a", 45.180), bike("b", 45.181));
    assertThat(changes()).isEmpty();
    // a vanished; b moved 0.001 degree (111 m) north: a trip
    push(400, bike("b", 45.182));
    assertThat(changes())
        .extracting(
            m -> m.change().kind(), m -> m.change().vehicleId(), MatchedVehicleChange::zoneId)
        .containsExactlyInAnyOrder(
            tuple(VehicleChange.Kind.PICK_UP, "a", "Z"),
            tuple(VehicleChange.Kind.PICK_UP, "b", "Z"),
            tuple(VehicleChange.Kind.DROP_OFF, "b", "Z"));
    assertThat(changes()).allMatch(m -> m.change().observedAt().equals(Instant.ofEpochSecond(400)));
  }

  @Test
  void aRepeatedOrOlderSnapshotIsADeadLetterAndChangesNothing() throws Exception {
    push(100, bike("a", 45.180));
    push(100, bike("c", 45.185)); // the same time again
    push(50, bike("d", 45.185)); // older
    assertThat(deadLetters()).containsExactly(RejectReason.DUPLICATE, RejectReason.LATE);
    assertThat(changes()).isEmpty();
    // still compared with the snapshot of time 100: a vanished, e appeared
    push(700, bike("e", 45.186));
    assertThat(changes())
        .extracting(m -> m.change().vehicleId())
        .containsExactlyInAnyOrder("a", "e");
  }

  @Test
  void aChangeOutsideEveryZoneIsADeadLetter() throws Exception {
    push(100, bike("a", 45.180), bike("far", 46.0));
    push(400, bike("a", 45.180));
    assertThat(changes()).isEmpty();
    assertThat(deadLetters()).containsExactly(RejectReason.OUTSIDE_ZONES);
  }

  @Test
  void theStateExpiresInTheFeedsTimeNotInProcessingTime() throws Exception {
    long ttl = VehicleChangesFunction.STATE_TTL.toSeconds();
    harness.setStateTtlProcessingTime(0);
    harness.setProcessingTime(0);
    push(100, bike("a", 45.180));
    // days of processing time later (a slow backfill, a restore): a snapshot exactly STATE_TTL
    // after it is still compared with it: a picked up, b dropped off
    harness.setStateTtlProcessingTime(Duration.ofDays(3).toMillis());
    harness.setProcessingTime(Duration.ofDays(3).toMillis());
    push(100 + ttl, bike("b", 45.181));
    assertThat(changes())
        .extracting(m -> m.change().kind(), m -> m.change().vehicleId())
        .containsExactlyInAnyOrder(
            tuple(VehicleChange.Kind.PICK_UP, "a"), tuple(VehicleChange.Kind.DROP_OFF, "b"));
    // one second more than STATE_TTL after it, in the feed's time: nothing to compare with
    push(100 + 2 * ttl + 1, bike("c", 45.182));
    assertThat(changes()).hasSize(2);
    push(100 + 2 * ttl + 301, bike("c", 45.182), bike("d", 45.183));
    assertThat(changes()).hasSize(3);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void aSilentFeedsStateIsClearedWhenTheWatermarkPassesItsTime() throws Exception {
    push(100, bike("a", 45.180));
    long clearedAt = 100_000 + VehicleChangesFunction.CLEARED_AFTER.toMillis();
    harness.processWatermark(clearedAt - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    harness.processWatermark(clearedAt);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  /**
   * A snapshot that cannot be compared (not JSON, its last_updated out of range or 2 days after its
   * fetch) is a dead letter and changes nothing: without that, all of a's would look picked up and
   * then dropped off again.
   */
  @Test
  void aSnapshotThatCannotBeComparedIsADeadLetterAndChangesNothing() throws Exception {
    push(100, bike("a", 45.180));
    pushDocument(200, "{\"last_updated\":");
    pushDocument(300, snapshot("1000000000000000000", bike("b", 45.181)));
    pushDocument(400, snapshot(String.valueOf(400 + 2 * 86_400), bike("b", 45.181)));
    assertThat(deadLetters())
        .containsExactly(
            RejectReason.MALFORMED, RejectReason.INVALID_VALUE, RejectReason.INVALID_VALUE);
    assertThat(changes()).isEmpty();
    // still compared with the snapshot of time 100: a is still there, c appeared
    push(700, bike("a", 45.180), bike("c", 45.186));
    assertThat(changes())
        .extracting(m -> m.change().kind(), m -> m.change().vehicleId())
        .containsExactly(tuple(VehicleChange.Kind.DROP_OFF, "c"));
  }

  /** The changes emitted so far, without their feed and source watermark. */
  private List<MatchedVehicleChange> changes() {
    return harness.extractOutputValues().stream().map(change -> change.f3).toList();
  }

  private List<RejectReason> deadLetters() {
    var side = harness.getSideOutput(DeadLetters.TAG);
    return side == null
        ? List.of()
        : side.stream().map(StreamRecord::getValue).map(Rejection::reason).toList();
  }

  private void push(long lastUpdated, String... bikes) throws Exception {
    pushDocument(lastUpdated, snapshot(String.valueOf(lastUpdated), bikes));
  }

  /** A document fetched at {@code fetchedAt} (seconds). */
  private void pushDocument(long fetchedAt, String json) throws Exception {
    harness.processElement(
        new FeedSnapshot(
            "tier",
            FeedKind.GBFS_FREE_VEHICLES,
            Instant.ofEpochSecond(fetchedAt),
            SourceRef.file("tier", fetchedAt + ".json"),
            json.getBytes(StandardCharsets.UTF_8)),
        fetchedAt * 1000);
  }

  private static String snapshot(String lastUpdated, String... bikes) {
    return "{\"last_updated\":"
        + lastUpdated
        + ",\"ttl\":0,\"version\":\"2.3\",\"data\":{\"bikes\":["
        + String.join(",", bikes)
        + "]}}";
  }

  private static String bike(String id, double lat) {
    return "{\"bike_id\":\""
        + id
        + "\",\"lat\":"
        + lat
        + ",\"lon\":0.70,\"is_reserved\":false,\"is_disabled\":false,\"vehicle_type_id\":\"s\"}";
  }

  private static Places places() {
    return new Places(
        List.of(ReplayRun.box("Z", 45.1, 0.6, 45.3, 0.8)), List.of(), List.of(), List.of());
  }
}
