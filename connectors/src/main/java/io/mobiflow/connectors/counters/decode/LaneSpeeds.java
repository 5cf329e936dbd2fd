package io.mobiflow.connectors.counters.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The speed of a DATEX II site over its lanes, weighted by each lane's flow: a lane's mean speed
 * stands for its vehicles only, so an empty lane (flow 0, which MIDAS publishes with speed 0) must
 * not pull the site's speed down, nor a quiet lane weigh as much as a busy one.
 *
 * <p>Which lane a value belongs to is written only in the measurement site table, which a feed's
 * publications do not carry; values are grouped by the order publishers write them instead. A speed
 * marks a lane: when the site's first flow or speed is a speed (MIDAS: per lane a speed, a headway,
 * an occupancy, then one flow per vehicle-length class), each speed opens a lane and the flows
 * after it are that lane's; when a flow comes first (Bison Futé: a flow, then a speed), each speed
 * closes the lane of the flows before it.
 *
 * <p>The site's speed is then:
 *
 * <ul>
 *   <li>the flow-weighted mean {@code Σ speed × flow / Σ flow} over its lanes with a speed, so a
 *       lane with flow 0 counts for nothing;
 *   <li>the plain mean of the speeds when no lane with a speed has a known flow (a speed-only feed,
 *       or flows all flagged: the weights are unknown, the lanes are taken alike);
 *   <li>unknown ({@code null}) when a speed is unknown (flagged or invalid), when some lanes with a
 *       speed have a known flow and others not (a weighted mean without them, or a plain mean,
 *       would both be wrong), or when every lane with a speed has flow 0 (no vehicle passed, so no
 *       speed was measured).
 * </ul>
 */
final class LaneSpeeds {

  /** One lane's values. */
  private static final class Lane {
    double flow;
    boolean flowSeen;
    boolean flowPending;
    boolean flowUnknown;
    boolean speedSeen;
    boolean speedUnknown;
    Double speed;

    boolean flowKnown() {
      return flowSeen && !flowPending && !flowUnknown;
    }
  }

  private final List<Lane> lanes = new ArrayList<>();
  private Boolean speedOpensLane;
  private Lane current;
  private boolean currentClosed = true;

  /** A flow measure starts; its value or {@link #unknown} follows. */
  void flowStarts() {
    if (speedOpensLane == null) {
      speedOpensLane = false;
    }
    if (currentClosed) {
      open();
    }
    current.flowUnknown |= current.flowPending; // the previous flow measure had no value
    current.flowSeen = true;
    current.flowPending = true;
  }

  /** A speed measure starts; its value or {@link #unknown} follows. */
  void speedStarts() {
    if (speedOpensLane == null) {
      speedOpensLane = true;
    }
    if (speedOpensLane || currentClosed) {
      open();
    }
    current.speedSeen = true;
    currentClosed = !speedOpensLane;
  }

  /** The value of the flow measure just started, vehicles per hour. */
  void flow(double value) {
    current.flow += value;
    current.flowPending = false;
  }

  /** The value of the speed measure just started, km/h. */
  void speed(double value) {
    current.speed = value;
  }

  /** The measure just started is flagged or invalid: its lane's flow or speed is unknown. */
  void unknown(boolean flow) {
    if (flow) {
      current.flowUnknown = true;
    } else {
      current.speedUnknown = true;
    }
  }

  /** The site's speed by the rules above, or {@code null} when unknown or no lane has one. */
  Double siteSpeed() {
    List<Lane> withSpeed = lanes.stream().filter(l -> l.speedSeen).toList();
    if (withSpeed.isEmpty()
        || withSpeed.stream().anyMatch(l -> l.speedUnknown || l.speed == null)) {
      return null;
    }
    long withFlow = withSpeed.stream().filter(Lane::flowKnown).count();
    if (withFlow == 0) {
      return withSpeed.stream().mapToDouble(l -> l.speed).average().orElseThrow();
    }
    if (withFlow < withSpeed.size()) {
      return null;
    }
    double weighted = 0;
    double flow = 0;
    for (Lane lane : withSpeed) {
      weighted += lane.speed * lane.flow;
      flow += lane.flow;
    }
    return flow > 0 ? weighted / flow : null;
  }

  private void open() {
    current = new Lane();
    lanes.add(current);
    currentClosed = false;
  }
}
