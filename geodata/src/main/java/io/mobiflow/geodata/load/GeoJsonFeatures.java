package io.mobiflow.geodata.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads the features of a GeoJSON FeatureCollection with their properties and WGS84 geometry. A
 * legacy {@code crs} member (GeoJSON 2008, e.g. Lambert-93 exports) is honoured by reprojecting;
 * without one, coordinates are WGS84 as RFC 7946 says. A document of more than {@link #MAX_BYTES}
 * is refused, by its size when it is a file, and while reading in any case.
 */
final class GeoJsonFeatures {

  /**
   * The largest GeoJSON document read: 256 MiB. Features are read one at a time, so what stays in
   * memory is what the loader keeps: zones of few points take about four times their text as JTS
   * geometries, 1 GiB at the limit, within the launcher's 3 GB heap.
   */
  static final long MAX_BYTES = 256L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonFeatures() {}

  /** Opens a GeoJSON file, refusing one over {@link #MAX_BYTES} before reading it. */
  static InputStream open(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(
          file + " is " + size + " bytes, over the limit of " + MAX_BYTES + " for a GeoJSON file");
    }
    return Files.newInputStream(file);
  }

  /** What a loader does with one feature; {@code where} names it for error messages. */
  @FunctionalInterface
  interface FeatureHandler {
    void accept(String where, JsonNode properties, Geometry geometry) throws IOException;
  }

  static void read(InputStream in, String what, FeatureHandler handler) throws IOException {
    read(in, what, handler, MAX_BYTES);
  }

  /**
   * Reads the features of at most {@code maxBytes} of GeoJSON, one at a time: only the current
   * feature is held as a tree. A longer document fails, and so does a {@code crs} member after the
   * features (the features would have been read in the wrong system).
   */
  static void read(InputStream in, String what, FeatureHandler handler, long maxBytes)
      throws IOException {
    try (JsonParser json = JSON.createParser(new Limited(in, what, maxBytes))) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(what + " is not a GeoJSON FeatureCollection");
      }
      boolean collection = false;
      CrsTransform transform = CrsTransform.fromEpsg(4326);
      GeoJsonReader reader = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY);
      int features = 0;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String member = json.currentName();
        JsonToken value = json.nextToken();
        if (member.equals("type")) {
          collection = "FeatureCollection".equals(json.getValueAsString());
        } else if (member.equals("crs")) {
          if (features > 0) {
            throw new IOException(what + ": its 'crs' comes after its features");
          }
          JsonNode crs = json.readValueAsTree();
          transform =
              CrsTransform.fromEpsg(
                  crs == null || crs.isNull()
                      ? 4326
                      : CrsTransform.epsgOf(crs.path("properties").path("name").asText("")));
        } else if (member.equals("features") && value == JsonToken.START_ARRAY) {
          while (json.nextToken() != JsonToken.END_ARRAY) {
            JsonNode feature = json.readValueAsTree();
            features++;
            String where = what + " feature " + features;
            Geometry geometry;
            try {
              geometry = transform.toWgs84(reader.read(feature.path("geometry").toString()));
            } catch (ParseException | RuntimeException e) {
              throw new IOException(where + ": unreadable geometry: " + e.getMessage());
            }
            handler.accept(where, feature.path("properties"), geometry);
          }
        } else {
          json.skipChildren();
        }
      }
      if (!collection) {
        throw new IOException(what + " is not a GeoJSON FeatureCollection");
      }
    }
  }

  /** A property as text (numbers too); fails naming the feature when absent or blank. */
  static String requiredText(JsonNode properties, String name, String where) throws IOException {
    JsonNode value = properties.get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IOException(where + " has no property '" + name + "'");
    }
    return value.asText();
  }

  /** The document's bytes, failing once more than the limit have been read. */
  private static final class Limited extends FilterInputStream {
    private final String what;
    private final long maxBytes;
    private long bytes;

    Limited(InputStream in, String what, long maxBytes) {
      super(in);
      this.what = what;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) throws IOException {
      bytes += n;
      if (bytes > maxBytes) {
        throw new IOException(
            what + " is over " + maxBytes + " bytes, the limit for a GeoJSON document");
      }
    }
  }
}
