package io.mobiflow.geodata.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A huge zones file is one clear error, never a heap filled by the loader. */
class LoaderLimitsTest {

  @TempDir Path dir;

  /** A sparse file: 1 GiB by its size, nothing on disk. */
  @Test
  void aGeoJsonFileOverTheLimitIsRefusedBeforeReading() throws IOException {
    Path file = dir.resolve("zones.geojson");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    assertThatThrownBy(() -> GeoJsonZones.read(file, "id", null))
        .isInstanceOf(IOException.class)
        .hasMessage(file + " is 1073741824 bytes, over the limit of 268435456 for a GeoJSON file");
  }

  /**
   * A valid FeatureCollection that never ends, made on the fly: read whole as a tree (as before) it
   * ran out of a 2 GB heap; now it is read a feature at a time and stops at the limit.
   */
  @Test
  void aGeoJsonDocumentOverTheLimitIsRefusedWhileReading() {
    List<String> ids = new ArrayList<>();
    assertThatThrownBy(
            () ->
                GeoJsonFeatures.read(
                    endlessZones(),
                    "endless.geojson",
                    (where, properties, geometry) -> ids.add(properties.path("id").asText()),
                    10_000_000))
        .isInstanceOf(IOException.class)
        .hasMessage("endless.geojson is over 10000000 bytes, the limit for a GeoJSON document");
    assertThat(ids).hasSizeGreaterThan(50_000).startsWith("Z1", "Z2", "Z3");
  }

  @Test
  void aGeoPackageLayerOverTheGeometryLimitIsOneError() throws IOException {
    List<Zone> zones =
        GeoJsonZones.read(
            getClass().getResourceAsStream("/zones/paris-arrondissements.geojson"),
            "paris",
            "c_ar",
            "l_ar");
    Path file = dir.resolve("paris.gpkg");
    GeoPackageZonesWriter.write(file, "arrondissements", zones);

    assertThat(GeoPackageZones.read(file, "arrondissements", "id", "name", 10_000_000)).hasSize(20);
    assertThatThrownBy(() -> GeoPackageZones.read(file, "arrondissements", "id", "name", 1000))
        .hasMessage(
            "arrondissements passes 1000 bytes of geometry at row 1, the limit of a zones layer");
  }

  /** {"type":"FeatureCollection","features":[ then square zones Z1, Z2, ... without end. */
  private static InputStream endlessZones() {
    return new InputStream() {
      private byte[] chunk =
          "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8);
      private int position;
      private long zones;

      @Override
      public int read() {
        if (position == chunk.length) {
          chunk =
              ((zones == 0 ? "" : ",")
                      + "{\"type\":\"Feature\",\"properties\":{\"id\":\"Z"
                      + ++zones
                      + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                      + "[[[0.7,45.1],[0.8,45.1],[0.8,45.2],[0.7,45.2],[0.7,45.1]]]}}")
                  .getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
        return chunk[position++] & 0xff;
      }
    };
  }
}
