package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.gbfs.FreeVehicleChanges;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.JobAccumulators;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.metrics.FeedMetrics;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.match.PlaceIndex;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Pick-ups and drop-offs of free-floating vehicles, per feed (the key): each snapshot is decoded
 * and compared with the feed's previous one ({@link FreeVehicleChanges}), and each change is placed
 * in its zone. The state is one snapshot per feed. It expires in event time, never in processing
 * time (a replay, or a restore from a savepoint, gives the same changes however long it takes): a
 * snapshot more than {@link #STATE_TTL} after the feed's last one (by their {@code last_updated})
 * has nothing to compare with, and an event-time timer clears the state once the source's watermark
 * (its fetch time) is {@link #CLEARED_AFTER} past the last one's time, when a later snapshot of the
 * feed would have to lag its fetch by more than {@link #STATE_TTL} to be compared with it. A
 * snapshot not newer than the last (a repeat, or out of order) changes nothing and goes to the dead
 * letters; so do the decoder's rejections and changes outside every zone. A snapshot that cannot be
 * compared changes nothing either (its vehicles would all look picked up): one rejected as a whole
 * (too large, malformed, of another kind), one whose {@code last_updated} is invalid or out of the
 * {@link EventTimeBounds} around its fetch time, and one on which the operator throws
 * (OPERATOR_FAILURE).
 *
 * <p>A feed's changes are in its own event time (each snapshot newer than the last: none is late
 * for its feed) and go out as {@code (feed id, source watermark, -, change)} for {@link
 * PerFeedWatermarks} (no operator after it reads the feed's watermark: {@link FeedClock#NONE}).
 */
public final class VehicleChangesFunction
    extends KeyedProcessFunction<
        String, FeedSnapshot, Tuple4<String, Long, Long, MatchedVehicleChange>> {

  /** A feed silent for this long starts afresh (its next snapshot has nothing to compare with). */
  public static final Duration STATE_TTL = Duration.ofHours(6);

  /**
   * How long after its time (in fetch time) a feed's last snapshot is cleared without a new one.
   */
  public static final Duration CLEARED_AFTER = STATE_TTL.multipliedBy(2);

  private static final long serialVersionUID = 1L;
  private static final String KIND = JobMetrics.kindLabel(FeedKind.GBFS_FREE_VEHICLES);

  private final Places places;
  private final EventTimeBounds bounds;
  private final FeedDecoder<FreeFloatingVehicle> decoder =
      new FreeFloatingVehicleDecoder().limitedTo(FeedDecoder.DEFAULT_MAX_BYTES);

  private final LongCounter snapshotsRead = new LongCounter();
  private final LongCounter eventsMatched = new LongCounter();
  private transient PlaceIndex index;
  private transient ValueState<VehicleSnapshot> last;
  private transient FeedMetrics metrics;
  private transient Counter idChanges;

  public VehicleChangesFunction(Places places, EventTimeBounds bounds) {
    this.places = places;
    this.bounds = bounds;
  }

  @Override
  public void open(OpenContext openContext) {
    index = places.index();
    // once written with a processing-time TTL: Flink restores such state without it
    last =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "last-free-vehicle-snapshot", TypeInformation.of(VehicleSnapshot.class)));
    metrics = new FeedMetrics(getRuntimeContext().getMetricGroup());
    getRuntimeContext()
        .addAccumulator(JobAccumulators.SNAPSHOTS_READ + "free-vehicles", snapshotsRead);
    getRuntimeContext()
        .addAccumulator(JobAccumulators.EVENTS_MATCHED + "free-vehicles", eventsMatched);
    idChanges = JobMetrics.VEHICLE_ID_CHANGES.counter(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(
      FeedSnapshot snapshot,
      Context context,
      Collector<Tuple4<String, Long, Long, MatchedVehicleChange>> out)
      throws Exception {
    snapshotsRead.add(1);
    metrics.document(KIND, snapshot.feedId());
    OperatorFailures.guard(
        "vehicle-changes",
        snapshot.source(),
        rejection -> reject(context, snapshot, rejection),
        () -> compare(snapshot, context, out));
  }

  private void compare(
      FeedSnapshot snapshot,
      Context context,
      Collector<Tuple4<String, Long, Long, MatchedVehicleChange>> out)
      throws Exception {
    GbfsEnvelope envelope = GbfsEnvelope.read(snapshot.payload());
    if (envelope != null && envelope.lastUpdatedProblem() != null) {
      reject(context, snapshot, RejectReason.INVALID_VALUE, envelope.lastUpdatedProblem());
      return;
    }
    Instant at =
        envelope != null && envelope.lastUpdated() != null
            ? envelope.lastUpdated()
            : snapshot.fetchedAt();
    String violation = bounds.violation(at, snapshot.fetchedAt());
    if (violation != null) {
      reject(context, snapshot, RejectReason.INVALID_VALUE, "last_updated: " + violation);
      return;
    }
    VehicleSnapshot previous = last.value();
    if (previous != null && !at.isAfter(Instant.ofEpochMilli(previous.epochMillis))) {
      reject(
          context,
          snapshot,
          at.toEpochMilli() == previous.epochMillis ? RejectReason.DUPLICATE : RejectReason.LATE,
          "free vehicles snapshot of " + at + " is not newer than the last one");
      return;
    }
    List<Decoded<FreeFloatingVehicle>> decoded = decoder.decode(snapshot);
    decoded.stream().filter(d -> !d.isOk()).forEach(d -> reject(context, snapshot, d.rejection()));
    if (decoded.stream().anyMatch(d -> !d.isOk() && d.source().line() < 0)) {
      return; // rejected as a whole: nothing to compare
    }
    List<FreeFloatingVehicle> vehicles =
        decoded.stream().filter(Decoded::isOk).map(Decoded::value).toList();
    if (previous != null && at.toEpochMilli() - previous.epochMillis <= STATE_TTL.toMillis()) {
      FreeVehicleChanges.Result result =
          FreeVehicleChanges.between(previous.vehicles(), vehicles, at);
      idChanges.inc(result.idChanges());
      for (VehicleChange change : result.changes()) {
        Decoded<String> zone =
            index.zoneAt(change.latitude(), change.longitude(), snapshot.source());
        if (zone.isOk()) {
          metrics.event(KIND, snapshot.feedId());
          eventsMatched.add(1);
          out.collect(
              Tuple4.of(
                  snapshot.feedId(),
                  context.timerService().currentWatermark(),
                  FeedClock.NONE,
                  new MatchedVehicleChange(change, zone.value())));
        } else {
          reject(context, snapshot, zone.rejection());
        }
      }
    }
    if (previous != null) {
      context.timerService().deleteEventTimeTimer(previous.epochMillis + CLEARED_AFTER.toMillis());
    }
    last.update(VehicleSnapshot.of(at, vehicles));
    context.timerService().registerEventTimeTimer(at.toEpochMilli() + CLEARED_AFTER.toMillis());
  }

  @Override
  public void onTimer(
      long timestamp,
      OnTimerContext context,
      Collector<Tuple4<String, Long, Long, MatchedVehicleChange>> out)
      throws Exception {
    VehicleSnapshot snapshot = last.value();
    if (snapshot != null && timestamp >= snapshot.epochMillis + CLEARED_AFTER.toMillis()) {
      last.clear(); // no snapshot since
    }
  }

  private void reject(Context context, FeedSnapshot snapshot, RejectReason reason, String detail) {
    reject(context, snapshot, new Rejection(reason, snapshot.source(), detail));
  }

  /** A dead letter of the snapshot's feed, counted. */
  private void reject(Context context, FeedSnapshot snapshot, Rejection rejection) {
    metrics.rejected(KIND, snapshot.feedId(), rejection.reason());
    if (rejection.reason() == RejectReason.LATE) {
      metrics.late(KIND, snapshot.feedId());
    }
    context.output(DeadLetters.TAG, rejection);
  }

  /** The state kept per feed: the last snapshot's vehicles as parallel arrays (a Flink POJO). */
  public static class VehicleSnapshot {
    public long epochMillis;
    public String[] ids;
    public String[] types;
    public double[] latitudes;
    public double[] longitudes;

    static VehicleSnapshot of(Instant at, List<FreeFloatingVehicle> vehicles) {
      VehicleSnapshot s = new VehicleSnapshot();
      s.epochMillis = at.toEpochMilli();
      int n = vehicles.size();
      s.ids = new String[n];
      s.types = new String[n];
      s.latitudes = new double[n];
      s.longitudes = new double[n];
      for (int i = 0; i < n; i++) {
        FreeFloatingVehicle v = vehicles.get(i);
        s.ids[i] = v.vehicleId();
        s.types[i] = v.vehicleTypeId() == null ? "" : v.vehicleTypeId();
        s.latitudes[i] = v.latitude();
        s.longitudes[i] = v.longitude();
      }
      return s;
    }

    List<FreeFloatingVehicle> vehicles() {
      Instant at = Instant.ofEpochMilli(epochMillis);
      List<FreeFloatingVehicle> out = new ArrayList<>(ids.length);
      for (int i = 0; i < ids.length; i++) {
        out.add(
            new FreeFloatingVehicle(
                ids[i],
                latitudes[i],
                longitudes[i],
                types[i].isEmpty() ? null : types[i],
                false,
                false,
                at));
      }
      return out;
    }
  }
}
