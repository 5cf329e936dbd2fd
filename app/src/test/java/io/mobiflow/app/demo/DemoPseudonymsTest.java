package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The demo's pseudonyms depend on its seed alone, not on the process: a rerun in another JVM with
 * the same seed writes the same suggestion files.
 */
class DemoPseudonymsTest {

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

    assertThat(DemoRun.privacy(42).hash().pseudonym("scooter-7")).isEqualTo(expected);
    assertThat(DemoRun.privacy(43).hash().pseudonym("scooter-7")).isNotEqualTo(expected);
  }
}
