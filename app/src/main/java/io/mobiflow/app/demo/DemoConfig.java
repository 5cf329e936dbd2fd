package io.mobiflow.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration the demo runs from, as a user would write it for the demo city: {@code
 * mobiflow.yaml} in the output folder, naming the city's files ({@link CityFiles}, the GTFS), the
 * simulated feeds, and the outputs beside it. {@code mobiflow run --config out/mobiflow.yaml}
 * reruns the demo's job over the same feeds.
 */
public final class DemoConfig {

  /** The file name, in the output folder. */
  public static final String FILE = "mobiflow.yaml";

  /** The file of the pseudonyms' key, in the output folder. */
  public static final String KEY_FILE = "pseudonym.key";

  private DemoConfig() {}

  /**
   * Writes {@code out/mobiflow.yaml} and the pseudonym key of {@code seed} beside it; returns the
   * configuration file.
   *
   * @param out the output folder: the city in {@code city/}, the feeds in {@code feeds/}
   * @param seed the simulator's seed, which the pseudonyms' key is derived from: a rerun with the
   *     same seed writes the same pseudonyms (the vehicles are simulated; a real run names its own
   *     key, docs/privacy.md)
   * @param checkpoints where the run keeps its checkpoints
   */
  public static Path write(Path out, long seed, Path checkpoints) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve(KEY_FILE), pseudonymKey(seed), StandardCharsets.UTF_8);
    return Files.writeString(
        out.resolve(FILE),
        """
        # The demo's run, written by mobiflow demo: the city it derived, the feeds it simulated.
        places:
          zones: city/zones.geojson
          stations: city/station_information.json
          counter_sites: city/counter-sites.csv
          gtfs: city/peribus-gtfs.zip
          resolve_trip_updates: false    # the simulated TripUpdates give their delays
        sources:
          snapshots: feeds
        outputs:
          json_lines: .                  # zone-flows/, dead-letters/, suggestions/, flows.gpkg
          units: [zone]
          flow_table_units: [zone, counter-site, stop]
        suggestions: {}
        checkpoints:
          interval_seconds: 1            # the flow tables are committed while the job runs
          dir: %s
        retention:
          dead_letters_days: forever
          suggestions_days: forever
          flow_tables_days: forever
        privacy:
          key_file: %s
        """
            .formatted(checkpoints.toAbsolutePath(), KEY_FILE),
        StandardCharsets.UTF_8);
  }

  /** The pseudonyms' key of a demo run with {@code seed}. */
  static String pseudonymKey(long seed) {
    return "mobiflow demo pseudonyms, seed " + seed;
  }
}
