package io.mobiflow.geodata.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.geom.CoordinateProblem;
import io.mobiflow.geodata.geom.InvalidCoordinateException;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.load.GeoJsonZones;
import io.mobiflow.geodata.synth.SyntheticZones;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The grid locator against its oracle, {@link SimpleZoneLocator} (JTS STRtree + covers), on a
 * million seeded points per data set, a third of them exactly on vertices, on edges or on the
 * horizontal line of a vertex (where ray crossing is hardest).
 */
class GridZoneLocatorTest {

  private static final int POINTS = 1_000_000;

  @Test
  void agreesWithJtsOnTheParisArrondissements() throws IOException {
    assertAgreement(parisArrondissements(), 11, 4, POINTS);
  }

  @Test
  void agreesWithJtsOnGeneratedIrregularOverlappingZonesWithHoles() {
    List<Zone> zones =
        new ArrayList<>(SyntheticZones.tiling(5, 300, new Envelope(2.2, 2.5, 48.8, 48.95), 8));
    // Geofences over the tiling: a ring-shaped zone (with a hole) and a multipolygon.
    Geometry ring =
        Wgs84.point(48.87, 2.35)
            .buffer(0.03, 24)
            .difference(Wgs84.point(48.87, 2.35).buffer(0.01, 12));
    Geometry pair =
        Wgs84.point(48.82, 2.25).buffer(0.01, 8).union(Wgs84.point(48.93, 2.45).buffer(0.01, 8));
    zones.add(new Zone("ring", "geofence with a hole", ring));
    zones.add(new Zone("pair", "two-part geofence", pair));
    assertAgreement(zones, 12, 4, POINTS);
  }

  @Test
  void agreesWithACoarseAndAFineGrid() {
    List<Zone> zones = SyntheticZones.tiling(9, 50, new Envelope(0.6, 0.8, 45.1, 45.25), 4);
    assertAgreement(zones, 13, 0.05, POINTS / 10);
    assertAgreement(zones, 14, 64, POINTS / 10);
  }

  @ParameterizedTest
  @CsvSource({
    "NaN, 2.3, NOT_FINITE",
    "48.8, Infinity, NOT_FINITE",
    "-91, 2.3, LATITUDE_OUT_OF_RANGE",
    "48.8, 200, LONGITUDE_OUT_OF_RANGE",
    "0, 0, NULL_ISLAND"
  })
  void refusesUnmatchableCoordinatesWithTheirReason(
      double lat, double lon, CoordinateProblem problem) throws IOException {
    GridZoneLocator locator = new GridZoneLocator(parisArrondissements());
    assertThatThrownBy(() -> locator.findZone(lat, lon))
        .isInstanceOfSatisfying(
            InvalidCoordinateException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    assertThatThrownBy(() -> locator.zonesCovering(lat, lon))
        .isInstanceOf(InvalidCoordinateException.class);
  }

  @Test
  void reportsItsSize() throws IOException {
    GridZoneLocator locator = new GridZoneLocator(parisArrondissements());
    assertThat(locator.cellCount()).isBetween(5008 * 2, 5008 * 8); // about 4 cells per vertex
    assertThat(locator.footprintBytes()).isGreaterThan(4L * locator.cellCount());
    assertThat(locator.buildNanos()).isPositive();
  }

  static List<Zone> parisArrondissements() throws IOException {
    try (InputStream in =
        GridZoneLocatorTest.class.getResourceAsStream("/zones/paris-arrondissements.geojson")) {
      return GeoJsonZones.read(in, "paris-arrondissements.geojson", "c_ar", "l_ar");
    }
  }

  private static void assertAgreement(
      List<Zone> zones, long seed, double cellsPerVertex, int points) {
    SimpleZoneLocator simple = new SimpleZoneLocator(zones);
    GridZoneLocator grid = new GridZoneLocator(zones, cellsPerVertex);
    List<Coordinate> vertices = new ArrayList<>();
    zones.forEach(z -> vertices.addAll(List.of(z.geometry().getCoordinates())));
    Envelope extent = new Envelope();
    zones.forEach(z -> extent.expandToInclude(z.geometry().getEnvelopeInternal()));
    extent.expandBy(extent.getWidth() * 0.05, extent.getHeight() * 0.05);
    SplittableRandom random = new SplittableRandom(seed);
    int mismatches = 0;
    int covered = 0;
    int onBoundaries = 0;
    String firstMismatch = null;
    for (int i = 0; i < points; i++) {
      Coordinate p = point(random, vertices, extent);
      List<Zone> expected = simple.zonesCovering(p.y, p.x);
      List<Zone> actual = grid.zonesCovering(p.y, p.x);
      Optional<Zone> expectedFirst = expected.stream().findFirst(); // SimpleZoneLocator.findZone
      if (!expected.equals(actual) || !expectedFirst.equals(grid.findZone(p.y, p.x))) {
        mismatches++;
        if (firstMismatch == null) {
          firstMismatch = p + ": expected " + ids(expected) + ", got " + ids(actual);
        }
      }
      covered += expected.isEmpty() ? 0 : 1;
      onBoundaries += expected.size() > 1 ? 1 : 0;
    }
    assertThat(mismatches).as("mismatches; first: %s", firstMismatch).isZero();
    // The point mix really exercises both outcomes and shared boundaries.
    assertThat(covered).isBetween(points / 2, points - points / 100);
    assertThat(onBoundaries).isGreaterThan(points / 20);
  }

  private static Coordinate point(
      SplittableRandom random, List<Coordinate> vertices, Envelope extent) {
    int kind = random.nextInt(10);
    Coordinate a = vertices.get(random.nextInt(vertices.size()));
    return switch (kind) {
      case 0, 1 -> new Coordinate(a); // exactly a vertex
      case 2, 3 -> { // on (or a rounding away from) an edge: between two consecutive vertices
        int index = random.nextInt(vertices.size() - 1);
        Coordinate b = vertices.get(index);
        Coordinate c = vertices.get(index + 1);
        double t = random.nextDouble();
        yield new Coordinate(b.x + t * (c.x - b.x), b.y + t * (c.y - b.y));
      }
      case 4 -> // on the horizontal line through a vertex, where the ray meets it
          new Coordinate(extent.getMinX() + random.nextDouble() * extent.getWidth(), a.y);
      case 5 -> // a hair away from a vertex
          new Coordinate(Math.nextUp(a.x), Math.nextDown(a.y));
      default ->
          new Coordinate(
              extent.getMinX() + random.nextDouble() * extent.getWidth(),
              extent.getMinY() + random.nextDouble() * extent.getHeight());
    };
  }

  private static List<String> ids(List<Zone> zones) {
    return zones.stream().map(Zone::id).toList();
  }
}
