package io.mobiflow.jobs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The configuration of a run whose source and sinks a test gives to {@code ZoneFlowPipeline}: the
 * YAML a user would write for the rest (window, units, privacy, timetable), loaded by {@link
 * ConfigLoader}. The zones are written to {@code zones.geojson} beside it (the YAML names them
 * under {@code places}); the Kafka section only satisfies the loader: the pipeline contacts no
 * broker when the test gives the source and every sink.
 *
 * <p>Early results are off unless the YAML sets {@code window.early_results_seconds}: the tests
 * that load it compare final records, one per unit and window (what early results leave in the end
 * is the same, {@code EarlyResultsITCase}).
 */
public final class TestConfigs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WINDOW = Pattern.compile("(?m)^window:[ \t]*$");

  private TestConfigs() {}

  /** Writes {@code zones} and {@code yaml} (its sections, without {@code kafka}) in dir; loads. */
  public static MobiflowConfig load(Path dir, List<Zone> zones, String yaml) throws IOException {
    Files.createDirectories(dir);
    GeoJsonWriter geometry = new GeoJsonWriter();
    geometry.setEncodeCRS(false);
    ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    for (Zone zone : zones) {
      ObjectNode feature = features.addObject().put("type", "Feature");
      feature.putObject("properties").put("id", zone.id()).put("name", zone.name());
      feature.set("geometry", JSON.readTree(geometry.write(zone.geometry())));
    }
    JSON.writeValue(dir.resolve("zones.geojson").toFile(), collection);
    return ConfigLoader.load(
        Files.writeString(
            dir.resolve("mobiflow.yaml"),
            "kafka:\n  bootstrap_servers: \"localhost:9\"\n" + finalsOnly(yaml)));
  }

  /** {@code yaml} with {@code window.early_results_seconds: 0}, unless it sets it. */
  public static String finalsOnly(String yaml) {
    if (yaml.contains("early_results_seconds")) {
      return yaml;
    }
    Matcher window = WINDOW.matcher(yaml);
    return window.find()
        ? yaml.substring(0, window.end())
            + "\n  early_results_seconds: 0"
            + yaml.substring(window.end())
        : yaml + "\nwindow:\n  early_results_seconds: 0\n";
  }
}
