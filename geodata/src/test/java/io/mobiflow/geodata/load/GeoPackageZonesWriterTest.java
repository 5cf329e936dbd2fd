package io.mobiflow.geodata.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.locate.Zone;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zones written to a GeoPackage read back identical, ids, names and coordinates. */
class GeoPackageZonesWriterTest {

  @Test
  void theParisArrondissementsRoundTrip(@TempDir Path dir) throws Exception {
    List<Zone> zones;
    try (InputStream in = getClass().getResourceAsStream("/zones/paris-arrondissements.geojson")) {
      zones = GeoJsonZones.read(in, "paris", "c_ar", "l_ar");
    }
    Path file = dir.resolve("paris.gpkg");
    GeoPackageZonesWriter.write(file, "arrondissements", zones);

    List<Zone> read = GeoPackageZones.read(file, "arrondissements", "id", "name");
    assertThat(read).hasSameSizeAs(zones).hasSize(20);
    for (int i = 0; i < zones.size(); i++) {
      assertThat(read.get(i).id()).isEqualTo(zones.get(i).id());
      assertThat(read.get(i).name()).isEqualTo(zones.get(i).name());
      assertThat(read.get(i).geometry().equalsExact(zones.get(i).geometry())).isTrue();
    }
    assertThatThrownBy(() -> GeoPackageZonesWriter.write(file, "again", zones))
        .hasMessageContaining("exists already");
  }
}
