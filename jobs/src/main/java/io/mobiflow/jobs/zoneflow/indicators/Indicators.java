package io.mobiflow.jobs.zoneflow.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every declared observation and measure, of all sources (road, transit, shared mobility, in that
 * order), and the slots of a window's sums: one per observation (its count) and one per measure
 * (its count and sum), in declaration order. Slots are positions in memory only: what is kept
 * beyond one run names them by their ids.
 */
public final class Indicators {

  private Indicators() {}

  /** Every observation, in declaration order. */
  public static final List<Observation> OBSERVATIONS =
      concat(
          RoadIndicators.OBSERVATIONS,
          TransitIndicators.OBSERVATIONS,
          SharedMobilityIndicators.OBSERVATIONS);

  /** Every measure, in declaration order. */
  public static final List<Measure> MEASURES =
      concat(
          RoadIndicators.MEASURES, TransitIndicators.MEASURES, SharedMobilityIndicators.MEASURES);

  /** The id of each slot of a window's sums: the observations' ids, then the measures'. */
  public static final List<String> SLOT_IDS =
      Stream.concat(OBSERVATIONS.stream().map(Observation::id), MEASURES.stream().map(Measure::id))
          .toList();

  private static final Map<Object, Integer> SLOTS = new IdentityHashMap<>();
  private static final Map<String, Observation> OBSERVATION_BY_ID = new HashMap<>();

  static {
    for (int i = 0; i < SLOT_IDS.size(); i++) {
      Object declared =
          i < OBSERVATIONS.size() ? OBSERVATIONS.get(i) : MEASURES.get(i - OBSERVATIONS.size());
      SLOTS.put(declared, i);
    }
    if (SLOT_IDS.stream().distinct().count() != SLOT_IDS.size()) {
      throw new IllegalStateException("two observations or measures share an id: " + SLOT_IDS);
    }
    for (Observation observation : OBSERVATIONS) {
      OBSERVATION_BY_ID.put(observation.id(), observation);
      if (!MEASURES.containsAll(observation.measures())) {
        throw new IllegalStateException(observation.id() + " carries an undeclared measure");
      }
    }
  }

  /** The slot of an observation's count. */
  public static int slot(Observation observation) {
    return slotOf(observation);
  }

  /** The slot of a measure's count and sum. */
  public static int slot(Measure measure) {
    return slotOf(measure);
  }

  private static int slotOf(Object declared) {
    Integer slot = SLOTS.get(declared);
    if (slot == null) {
      throw new IllegalArgumentException(declared + " is not declared in Indicators");
    }
    return slot;
  }

  /** The observation of an id. */
  public static Observation observation(String id) {
    Observation observation = OBSERVATION_BY_ID.get(id);
    if (observation == null) {
      throw new IllegalArgumentException("no observation " + id);
    }
    return observation;
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<T> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }
}
