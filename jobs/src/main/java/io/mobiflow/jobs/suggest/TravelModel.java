package io.mobiflow.jobs.suggest;

import java.io.Serializable;
import java.time.Duration;

/**
 * How fast a traveller gets about, for suggestions: walking to a shared vehicle, taking it, riding
 * (road distance = straight distance × detour factor), and how far a vehicle may be.
 *
 * @param walkKmh walking speed
 * @param rideKmh riding speed of a shared bike or scooter
 * @param detourFactor road distance over straight-line distance
 * @param pickUp time to unlock or undock a vehicle
 * @param radiusMeters how far from a stop a shared vehicle (or a free dock) may be
 * @param minDelay the smallest delay worth a suggestion
 */
public record TravelModel(
    double walkKmh,
    double rideKmh,
    double detourFactor,
    Duration pickUp,
    double radiusMeters,
    Duration minDelay)
    implements Serializable {

  /** 4.8 km/h walking, 15 km/h riding, detour 1.3, 60 s to unlock, 250 m, 5 min of delay. */
  public static final TravelModel DEFAULT =
      new TravelModel(4.8, 15, 1.3, Duration.ofSeconds(60), 250, Duration.ofMinutes(5));

  public TravelModel {
    if (walkKmh <= 0 || rideKmh <= 0 || detourFactor < 1 || radiusMeters <= 0) {
      throw new IllegalArgumentException("speeds and radius must be positive, detour at least 1");
    }
  }

  /** Seconds to walk a straight-line distance. */
  public double walkSeconds(double meters) {
    return meters / (walkKmh / 3.6);
  }

  /** Seconds to ride between two points this far apart in a straight line. */
  public double rideSeconds(double straightMeters) {
    return straightMeters * detourFactor / (rideKmh / 3.6);
  }
}
