package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's pseudonyms depend on its seed alone, not on the process: a rerun in another JVM with
 * the same seed writes the same suggestion files. The key is the one its configuration names.
 */
class DemoPseudonymsTest {

  @TempDir Path dir;

  @Test
  void theKeyComesFromTheSeedSoAnotherProcessGivesTheSamePseudonym() throws Exception {
    // computed here with the JDK's HMAC, as another process would, from the documented key text
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            "mobiflow demo pseudonyms, seed 42".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "h:"
            + HexFormat.of()
                .formatHex(mac.doFinal("scooter-7".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);

    assertThat(pseudonym(42, "scooter-7")).isEqualTo(expected);
    assertThat(pseudonym(43, "scooter-7")).isNotEqualTo(expected);
  }

  /** The pseudonym of {@code vehicle} in the configuration the demo writes for {@code seed}. */
  private String pseudonym(long seed, String vehicle) throws Exception {
    Path out = dir.resolve("seed-" + seed);
    // the loader checks that the files it names exist; the key is all this test reads
    Files.createDirectories(out.resolve("city"));
    for (String file :
        List.of(
            "zones.geojson", "station_information.json", "counter-sites.csv", "peribus-gtfs.zip")) {
      Files.createFile(out.resolve("city").resolve(file));
    }
    Files.createDirectories(out.resolve("feeds"));
    MobiflowConfig config = ConfigLoader.load(DemoConfig.write(out, seed, dir.resolve("cp")));
    return config.privacy().hash().pseudonym(vehicle);
  }
}
