package io.mobiflow.geodata.nearest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.geodata.geom.InvalidCoordinateException;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.synth.SyntheticStops;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The grid finder against the brute-force oracle, at mid and high latitudes. */
class GridStopFinderTest {

  private static final int[] K = {1, 3, 10};
  private static final double[] RADII = {0, 50, 150, 400, 1500, 10_000};

  @Test
  void agreesWithBruteForceOnAMillionQueriesAroundPerigueux() {
    assertAgreement(SyntheticStops.around(1, 2_000, 45.184, 0.721, 15_000), 21, 1_000_000);
  }

  @Test
  void agreesWithBruteForceAtHighLatitudes() {
    assertAgreement(SyntheticStops.around(2, 1_000, 69.65, 18.96, 10_000), 22, 200_000); // Tromsø
    assertAgreement(
        SyntheticStops.around(3, 500, 78.22, 15.65, 5_000), 23, 200_000); // Longyearbyen
  }

  @Test
  void findsKnownStopsInOrderWithDistancesInMetres() {
    // Three stops due north of a point, 100 m, 200 m and 300 m away (by construction).
    double[] a = Wgs84.destination(45.18, 0.72, 0, 100);
    double[] b = Wgs84.destination(45.18, 0.72, 0, 200);
    double[] c = Wgs84.destination(45.18, 0.72, 0, 300);
    List<StopLocation> stops =
        List.of(
            new StopLocation("c", c[0], c[1]),
            new StopLocation("a", a[0], a[1]),
            new StopLocation("b", b[0], b[1]));
    List<NearbyStop> found = new GridStopFinder(stops).nearest(45.18, 0.72, 2, 250);
    assertThat(found).extracting(n -> n.stop().id()).containsExactly("a", "b");
    assertThat(found.get(0).distanceMeters()).isCloseTo(100, within(1e-6));
    assertThat(found.get(1).distanceMeters()).isCloseTo(200, within(1e-6));
  }

  @Test
  void refusesInvalidCoordinates() {
    GridStopFinder finder = new GridStopFinder(List.of(new StopLocation("a", 45, 0.7)));
    assertThatThrownBy(() -> finder.nearest(Double.NaN, 0.7, 1, 100))
        .isInstanceOf(InvalidCoordinateException.class);
    assertThatThrownBy(() -> finder.nearest(0, 0, 1, 100))
        .isInstanceOf(InvalidCoordinateException.class);
  }

  private static void assertAgreement(List<StopLocation> stops, long seed, int queries) {
    SimpleStopFinder simple = new SimpleStopFinder(stops);
    GridStopFinder grid = new GridStopFinder(stops);
    SplittableRandom random = new SplittableRandom(seed);
    int mismatches = 0;
    int nonEmpty = 0;
    String first = null;
    for (int i = 0; i < queries; i++) {
      StopLocation near = stops.get(random.nextInt(stops.size()));
      double[] q =
          random.nextInt(5) == 0
              ? new double[] {near.latitude(), near.longitude()} // exactly at a stop
              : Wgs84.destination(
                  near.latitude(),
                  near.longitude(),
                  random.nextDouble(360),
                  random.nextDouble(3_000));
      int k = K[random.nextInt(K.length)];
      double radius = RADII[random.nextInt(RADII.length)];
      List<NearbyStop> expected = simple.nearest(q[0], q[1], k, radius);
      List<NearbyStop> actual = grid.nearest(q[0], q[1], k, radius);
      if (!expected.equals(actual)) {
        mismatches++;
        first =
            first == null
                ? q[0] + "," + q[1] + " k=" + k + " r=" + radius + ": " + expected + " vs " + actual
                : first;
      }
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertThat(mismatches).as("first mismatch: %s", first).isZero();
    assertThat(nonEmpty).isBetween(queries / 3, queries - queries / 20);
  }
}
