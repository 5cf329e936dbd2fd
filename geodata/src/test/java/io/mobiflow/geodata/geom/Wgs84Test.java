package io.mobiflow.geodata.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Wgs84Test {

  @ParameterizedTest(name = "({0}, {1}) is {2}")
  @CsvSource({
    "NaN, 2.35, NOT_FINITE",
    "48.85, NaN, NOT_FINITE",
    "Infinity, 2.35, NOT_FINITE",
    "48.85, -Infinity, NOT_FINITE",
    "90.0001, 2.35, LATITUDE_OUT_OF_RANGE",
    "-91, 2.35, LATITUDE_OUT_OF_RANGE",
    "48.85, 180.5, LONGITUDE_OUT_OF_RANGE",
    "48.85, -181, LONGITUDE_OUT_OF_RANGE",
    "0, 0, NULL_ISLAND"
  })
  void rejectsUnmatchableCoordinatesWithTheirReason(
      double latitude, double longitude, CoordinateProblem expected) {
    assertThat(Wgs84.check(latitude, longitude)).contains(expected);
    assertThatThrownBy(() -> Wgs84.require(latitude, longitude))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected.name());
  }

  @ParameterizedTest
  @CsvSource({"90, 180", "-90, -180", "0, 0.000001", "45.18, 0.72"})
  void acceptsValidCoordinatesIncludingTheLimits(double latitude, double longitude) {
    assertThat(Wgs84.check(latitude, longitude)).isEmpty();
  }

  @Test
  void oneDegreeOfLatitudeIsAPiR180Metres() {
    double expected = Math.PI * Wgs84.EARTH_RADIUS_METERS / 180; // 111,195.08 m
    assertThat(Wgs84.distanceMeters(45, 0.7, 46, 0.7)).isCloseTo(expected, within(1e-6));
  }

  @Test
  void oneDegreeOfLongitudeShrinksWithTheCosineOfLatitude() {
    // At 60° a degree of longitude is about half a degree of latitude (haversine, small angle).
    double degree = Math.PI * Wgs84.EARTH_RADIUS_METERS / 180;
    assertThat(Wgs84.distanceMeters(60, 10, 60, 11)).isCloseTo(degree * 0.5, within(10.0));
  }

  @Test
  void destinationGoesTheGivenDistanceAndBack() {
    double[] east = Wgs84.destination(45.18, 0.72, 90, 150);
    assertThat(Wgs84.distanceMeters(45.18, 0.72, east[0], east[1])).isCloseTo(150, within(1e-6));
    assertThat(east[1]).isGreaterThan(0.72);
    double[] north = Wgs84.destination(45.18, 0.72, 0, 1000);
    assertThat(north[1]).isCloseTo(0.72, within(1e-12));
    assertThat(north[0]).isGreaterThan(45.18);
  }
}
