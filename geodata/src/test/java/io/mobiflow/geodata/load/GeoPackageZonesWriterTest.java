package io.mobiflow.geodata.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

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

  @Test
  void aLayerWithAMultipolygonIsDeclaredMultipolygonAndHoldsOnlyMultipolygons(@TempDir Path dir)
      throws Exception {
    GeometryFactory f = Wgs84.GEOMETRY_FACTORY;
    Polygon square = square(f, 0.0);
    MultiPolygon two = f.createMultiPolygon(new Polygon[] {square(f, 2.0), square(f, 4.0)});
    Path file = dir.resolve("mixed.gpkg");
    GeoPackageZonesWriter.write(
        file, "zones", List.of(new Zone("A", "a", square), new Zone("B", "b", two)));

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet type =
            db.createStatement()
                .executeQuery(
                    "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = 'zones'")) {
      type.next();
      assertThat(type.getString(1)).isEqualTo("MULTIPOLYGON");
    }
    List<Zone> read = GeoPackageZones.read(file, "zones", "id", "name");
    assertThat(read).extracting(z -> z.geometry().getGeometryType()).containsOnly("MultiPolygon");
    assertThat(read.get(0).geometry().equalsTopo(square)).isTrue();
    assertThat(read.get(1).geometry().equalsExact(two)).isTrue();
  }

  private static Polygon square(GeometryFactory f, double west) {
    return f.createPolygon(
        new Coordinate[] {
          new Coordinate(west, 45),
          new Coordinate(west + 1, 45),
          new Coordinate(west + 1, 46),
          new Coordinate(west, 46),
          new Coordinate(west, 45)
        });
  }
}
