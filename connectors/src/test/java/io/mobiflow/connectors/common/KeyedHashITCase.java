package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.FlinkTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key file named by path, in a real job on a MiniCluster: the tasks read it where they make the
 * first pseudonym, and a task that finds no file fails the job with a message naming it.
 */
class KeyedHashITCase {

  @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTests.miniCluster();

  private static final String KEY = "a key kept in a file, not sent";

  @TempDir Path dir;

  @Test
  void theTasksReadTheKeyFileAndMakeItsPseudonyms() throws Exception {
    Path file = Files.writeString(dir.resolve("pseudonym.key"), KEY + "\n");
    StreamExecutionEnvironment env = FlinkTests.environment();

    List<String> pseudonyms =
        env.fromData("bike-1", "bike-2")
            .map(pseudonymsUnder(KeyedHash.fromFile(file)), Types.STRING)
            .executeAndCollect(10);

    assertThat(pseudonyms).containsExactlyInAnyOrder(hmac("bike-1"), hmac("bike-2"));
  }

  @Test
  void aTaskWithoutTheKeyFileFailsTheJobNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("pseudonym.key"), KEY);
    StreamExecutionEnvironment env = FlinkTests.environment();
    env.fromData("bike-1").map(pseudonymsUnder(KeyedHash.fromFile(file)), Types.STRING).print();
    Files.delete(file);

    assertThatThrownBy(env::execute)
        .satisfies(
            e ->
                assertThat(
                        ExceptionUtils.findThrowableWithMessage(
                            e,
                            "the pseudonym key file " + file + " cannot be read: there is no such"))
                    .isPresent());
  }

  private static MapFunction<String, String> pseudonymsUnder(KeyedHash hash) {
    return hash::pseudonym;
  }

  /** The pseudonym under {@link #KEY}, computed here: h: and 8 bytes of HMAC-SHA-256 in hex. */
  private static String hmac(String id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
    return "h:" + HexFormat.of().formatHex(digest).substring(0, 16);
  }
}
