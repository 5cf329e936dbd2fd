package io.mobiflow.geodata.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitSphereTest {

  @Test
  void chordDistancesMatchHaversineToAMillimetre() {
    SplittableRandom random = new SplittableRandom(4);
    double[] a = new double[3];
    double[] b = new double[3];
    for (int i = 0; i < 100_000; i++) {
      double lat = -80 + random.nextDouble() * 160;
      double lon = -170 + random.nextDouble() * 340;
      double[] other =
          Wgs84.destination(lat, lon, random.nextDouble(360), random.nextDouble(20_000));
      UnitSphere.vector(lat, lon, a, 0);
      UnitSphere.vector(other[0], other[1], b, 0);
      double squared =
          (a[0] - b[0]) * (a[0] - b[0])
              + (a[1] - b[1]) * (a[1] - b[1])
              + (a[2] - b[2]) * (a[2] - b[2]);
      assertThat(UnitSphere.metersOf(squared))
          .isCloseTo(Wgs84.distanceMeters(lat, lon, other[0], other[1]), within(1e-3));
    }
  }

  @Test
  void squaredChordAndMetresAreInverse() {
    for (double meters : new double[] {0, 1, 150, 250, 5_000, 1_000_000}) {
      assertThat(UnitSphere.metersOf(UnitSphere.squaredChordOf(meters)))
          .isCloseTo(meters, within(1e-6));
    }
  }
}
