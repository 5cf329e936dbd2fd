package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keys of units are in the window state of savepoints: each unit keeps the letter the 0.1
 * savepoint was written with, whatever the order of the declaration.
 */
class SpatialUnitKeyTest {

  /** The keys of the build of 36ce799, where the letter was 'A' + ordinal. */
  private static final Map<SpatialUnit, String> KEYS_OF_0_1 =
      Map.of(
          SpatialUnit.ZONE, "z7",
          SpatialUnit.H3, "\u0001B" + "z7",
          SpatialUnit.COUNTER_SITE, "\u0001C" + "z7",
          SpatialUnit.STOP, "\u0001D" + "z7",
          SpatialUnit.ROUTE, "\u0001E" + "z7",
          SpatialUnit.STATION, "\u0001F" + "z7");

  @Test
  void everyUnitKeepsTheKeyOfTheSavepointsOf0_1() {
    assertThat(KEYS_OF_0_1).hasSize(SpatialUnit.values().length);
    KEYS_OF_0_1.forEach((unit, key) -> assertThat(unit.key("z7")).as(unit.name()).isEqualTo(key));
  }

  @Test
  void aKeyGivesBackItsUnitAndId() {
    KEYS_OF_0_1.forEach(
        (unit, key) -> {
          assertThat(SpatialUnit.ofKey(key)).isEqualTo(unit);
          assertThat(SpatialUnit.idOfKey(key)).isEqualTo("z7");
        });
  }

  @Test
  void aLetterNoUnitDeclaresIsRefused() {
    assertThatThrownBy(() -> SpatialUnit.ofKey("\u0001Zz7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Z");
  }
}
