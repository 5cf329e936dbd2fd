package io.mobiflow.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.cli.MobiflowCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.zip.GZIPInputStream;

/**
 * The planner's Vélib' backfill the command-line tests share: the real Vélib' station_information
 * and station_status (one document) with zones, run with {@code mobiflow run --config}.
 */
public final class VelibBackfill {

  /** The real Vélib' feed files (gzipped). */
  public static final Path VELIB =
      Path.of("../connectors/src/test/resources/real/gbfs/velib-paris");

  /** The 20 Paris arrondissements (GeoJSON, id {@code c_ar}, name {@code l_ar}). */
  public static final Path ARRONDISSEMENTS =
      Path.of("../geodata/src/test/resources/zones/paris-arrondissements.geojson");

  /** The {@code places} lines of the arrondissements copied as {@code arrondissements.geojson}. */
  public static final String ARRONDISSEMENT_ZONES =
      """
      zones: arrondissements.geojson
      zone_id_property: c_ar
      zone_name_property: l_ar
      """;

  /** A connection to the store a test reads back. */
  public interface Database {
    Connection connect() throws Exception;
  }

  private VelibBackfill() {}

  /**
   * Writes into {@code dir} the station_information.json and station_status.json of {@link #VELIB},
   * the arrondissements as {@code arrondissements.geojson}, and {@code backfill.yaml}: the zones of
   * {@code zones} (lines of the {@code places} section), the Vélib' stations, the status file as
   * source, {@code output} (one line of the {@code outputs} section) for units zone and station.
   *
   * @return the configuration file
   */
  public static Path config(Path dir, String zones, String output) throws IOException {
    gunzip(VELIB.resolve("station_information.json.gz"), dir.resolve("station_information.json"));
    gunzip(VELIB.resolve("station_status.json.gz"), dir.resolve("station_status.json"));
    Files.copy(ARRONDISSEMENTS, dir.resolve("arrondissements.geojson"));
    return Files.writeString(
        dir.resolve("backfill.yaml"),
        "places:\n"
            + zones.indent(2)
            + """
              stations: station_information.json
            sources:
              files:
                - {path: station_status.json, kind: gbfs_station_status, feed_id: velib}
            outputs:
            """
            + output.indent(2)
            + "  units: [zone, station]\n");
  }

  /**
   * Runs {@code mobiflow run --config config} and asserts that it exits 0 (else shows stderr).
   *
   * @return what it wrote on stderr (its progress)
   */
  public static String run(Path config) {
    StringWriter err = new StringWriter();
    int code =
        MobiflowCommand.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "run",
            "--config",
            config.toString());
    assertThat(code).as(err.toString()).isZero();
    return err.toString();
  }

  private static void gunzip(Path gz, Path target) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, target);
    }
  }
}
