package io.mobiflow.geodata.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.geodata.geom.InvalidCoordinateException;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.synth.SyntheticRoads;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class GridRoadSnapperTest {

  @Test
  void agreesWithTheFullScanOnAMillionPositions() {
    assertAgreement(SyntheticRoads.around(1, 300, 45.184, 0.721, 2_000), 31, 1_000_000);
  }

  @Test
  void agreesAtHighLatitudes() {
    assertAgreement(SyntheticRoads.around(2, 200, 69.65, 18.96, 1_500), 32, 200_000);
  }

  @Test
  void snapsOntoAKnownSegmentWithOffsetDistanceAndBearing() {
    // A road going east for 100 m then north for 100 m; a position 20 m north of its 30 m mark.
    double[] corner = Wgs84.destination(45.18, 0.72, 90, 100);
    double[] end = Wgs84.destination(corner[0], corner[1], 0, 100);
    RoadSegment road =
        new RoadSegment(
            "east-north",
            Wgs84.GEOMETRY_FACTORY.createLineString(
                new Coordinate[] {
                  new Coordinate(0.72, 45.18),
                  new Coordinate(corner[1], corner[0]),
                  new Coordinate(end[1], end[0])
                }));
    double[] mark = Wgs84.destination(45.18, 0.72, 90, 30);
    double[] position = Wgs84.destination(mark[0], mark[1], 0, 20);
    GridRoadSnapper snapper = new GridRoadSnapper(List.of(road), 100);

    RoadSnap snap = snapper.snap(position[0], position[1], 50).orElseThrow();
    assertThat(snap.distanceMeters()).isCloseTo(20, within(0.01));
    assertThat(snap.offsetMeters()).isCloseTo(30, within(0.01));
    assertThat(snap.bearingDegrees()).isCloseTo(90, within(0.1));
    assertThat(snapper.snap(position[0], position[1], 19)).isEmpty(); // out of reach
    assertThat(snapper.snap(position[0], position[1], 50, 270, 45)).isEmpty(); // wrong way
    assertThat(snapper.snap(position[0], position[1], 50, 80, 45)).isPresent();
    // Beside the second part, the offset counts the whole first part.
    double[] north = Wgs84.destination(corner[0], corner[1], 0, 40);
    double[] beside = Wgs84.destination(north[0], north[1], 90, 10);
    RoadSnap second = snapper.snap(beside[0], beside[1], 50).orElseThrow();
    assertThat(second.offsetMeters()).isCloseTo(140, within(0.05));
    assertThat(second.bearingDegrees()).isCloseTo(0, within(0.1));
  }

  @Test
  void refusesInvalidCoordinates() {
    GridRoadSnapper snapper = new GridRoadSnapper(SyntheticRoads.around(3, 10, 45, 0.7, 500), 100);
    assertThatThrownBy(() -> snapper.snap(45, Double.POSITIVE_INFINITY, 50))
        .isInstanceOf(InvalidCoordinateException.class);
  }

  private static void assertAgreement(List<RoadSegment> roads, long seed, int queries) {
    SimpleRoadSnapper simple = new SimpleRoadSnapper(roads);
    GridRoadSnapper grid = new GridRoadSnapper(roads, 60);
    SplittableRandom random = new SplittableRandom(seed);
    int mismatches = 0;
    int found = 0;
    String first = null;
    for (int i = 0; i < queries; i++) {
      RoadSegment road = roads.get(random.nextInt(roads.size()));
      Coordinate vertex =
          road.geometry().getCoordinateN(random.nextInt(road.geometry().getNumPoints()));
      double[] q =
          random.nextInt(4) == 0
              ? new double[] {vertex.y, vertex.x} // exactly on a vertex
              : Wgs84.destination(
                  vertex.y, vertex.x, random.nextDouble(360), random.nextDouble(200));
      double radius = new double[] {0, 10, 25, 50, 150}[random.nextInt(5)];
      boolean withHeading = random.nextBoolean();
      double heading = random.nextDouble(360);
      Optional<RoadSnap> expected =
          withHeading
              ? simple.snap(q[0], q[1], radius, heading, 45)
              : simple.snap(q[0], q[1], radius);
      Optional<RoadSnap> actual =
          withHeading ? grid.snap(q[0], q[1], radius, heading, 45) : grid.snap(q[0], q[1], radius);
      if (!expected.equals(actual)) {
        mismatches++;
        first =
            first == null
                ? q[0] + "," + q[1] + " r=" + radius + ": " + expected + " vs " + actual
                : first;
      }
      found += expected.isPresent() ? 1 : 0;
    }
    assertThat(mismatches).as("first mismatch: %s", first).isZero();
    assertThat(found).isBetween(queries / 4, queries - queries / 20);
  }
}
