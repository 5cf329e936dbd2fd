package io.mobiflow.geodata.key;

import com.uber.h3core.H3Core;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Keys a WGS84 point by the H3 cell containing it, at one resolution (0 = ~1,100 km cells to 15 =
 * ~0.5 m; 8 ≈ 460 m edge suits city windows, 7 ≈ 1.2 km regions). Uses Uber's h3-java (its native
 * library is loaded on first use, once per JVM). Serializable, so a Flink function can hold it;
 * thread-safe.
 */
public final class H3CellKeys implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int resolution;

  public H3CellKeys(int resolution) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution must be within 0..15, not " + resolution);
    }
    this.resolution = resolution;
  }

  /** The resolution of the keys. */
  public int resolution() {
    return resolution;
  }

  /** The H3 cell index containing the point. */
  public long cell(double latitude, double longitude) {
    Wgs84.require(latitude, longitude);
    return Native.H3.latLngToCell(latitude, longitude, resolution);
  }

  /** The cell's address as H3 writes it (15 hexadecimal digits), the form used as window key. */
  public String address(double latitude, double longitude) {
    return Long.toHexString(cell(latitude, longitude));
  }

  /** Loads the native library once, when first needed. */
  private static final class Native {
    static final H3Core H3 = load();

    private static H3Core load() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the H3 native library", e);
      }
    }
  }
}
