package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key named by an environment variable or a file travels (Java serialization, as in a Flink job
 * graph) as the name or path only, and is read where the first pseudonym is made: the same
 * pseudonyms as under the key's bytes where it is there, a message naming it where it is not.
 */
class KeyedHashTest {

  /** A variable the surefire configuration of connectors/pom.xml sets to a key of 35 bytes. */
  private static final String KEY_VARIABLE = "MOBIFLOW_TEST_PSEUDONYM_KEY";

  private static final String UNSET_VARIABLE = "MOBIFLOW_UNSET_TEST_KEY_4711";

  private static final String ID = "bike-4711";

  @TempDir Path dir;

  @Test
  void aKeyGivenAsBytesIsInTheSerializedForm() throws Exception {
    byte[] key = "a key given as bytes, 32 long...".getBytes(StandardCharsets.UTF_8);

    assertThat(contains(serialize(KeyedHash.withKey(key)), key)).isTrue();
  }

  @Test
  void aKeyFileTravelsAsItsPathAndGivesTheKeysPseudonymsWhereItIsRead() throws Exception {
    Path file = Files.writeString(dir.resolve("pseudonym.key"), "a key kept in a file, not sent\n");
    byte[] key = "a key kept in a file, not sent".getBytes(StandardCharsets.UTF_8);

    byte[] serialized = serialize(KeyedHash.fromFile(file));
    KeyedHash arrived = deserialize(serialized);

    assertThat(contains(serialized, key)).isFalse();
    assertThat(contains(serialized, file.toString().getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(arrived.pseudonym(ID)).isEqualTo(hmac(key, ID));
    assertThat(arrived.pseudonym(ID)).isEqualTo(KeyedHash.withKey(key).pseudonym(ID));
  }

  @Test
  void aKeyVariableTravelsAsItsNameAndGivesTheKeysPseudonymsWhereItIsSet() throws Exception {
    assertThat(System.getenv(KEY_VARIABLE)).as("set by connectors/pom.xml").isNotNull();
    byte[] key = System.getenv(KEY_VARIABLE).strip().getBytes(StandardCharsets.UTF_8);

    byte[] serialized = serialize(KeyedHash.fromEnvironment(KEY_VARIABLE));
    KeyedHash arrived = deserialize(serialized);

    assertThat(contains(serialized, key)).isFalse();
    assertThat(contains(serialized, KEY_VARIABLE.getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(arrived.pseudonym(ID)).isEqualTo(hmac(key, ID));
    assertThat(arrived.pseudonym(ID)).isEqualTo(KeyedHash.withKey(key).pseudonym(ID));
  }

  @Test
  void aMissingVariableFailsTheFirstPseudonymNamingIt() throws Exception {
    assertThat(System.getenv(UNSET_VARIABLE)).isNull();
    KeyedHash arrived = deserialize(serialize(KeyedHash.fromEnvironment(UNSET_VARIABLE)));

    assertThatThrownBy(() -> arrived.pseudonym(ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the pseudonym key's environment variable " + UNSET_VARIABLE + " is not set");
    assertThatThrownBy(arrived::checkKey).hasMessageContaining(UNSET_VARIABLE);
  }

  @Test
  void aMissingFileFailsTheFirstPseudonymNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("pseudonym.key"), "a key kept in a file, not sent");
    byte[] serialized = serialize(KeyedHash.fromFile(file));
    Files.delete(file);
    KeyedHash arrived = deserialize(serialized);

    assertThatThrownBy(() -> arrived.pseudonym(ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the pseudonym key file " + file + " cannot be read: there is no such file");
  }

  @Test
  void aShortKeyIsRefusedWhenChecked() throws Exception {
    Path file = Files.writeString(dir.resolve("short.key"), "too short");

    assertThatThrownBy(KeyedHash.fromFile(file)::checkKey)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a pseudonym key needs at least 16 bytes, this one has 9");
  }

  @Test
  void theTextNamesTheReferenceNeverTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("pseudonym.key"), "a key kept in a file, not sent");

    assertThat(KeyedHash.fromFile(file).toString())
        .contains(file.toString())
        .doesNotContain("a key file");
    assertThat(KeyedHash.fromEnvironment(UNSET_VARIABLE).toString()).contains(UNSET_VARIABLE);
    assertThat(
            KeyedHash.withKey("a key given as bytes, 32 long...".getBytes(StandardCharsets.UTF_8))
                .toString())
        .doesNotContain("a key");
  }

  /** The pseudonym computed here: h: and the first 8 bytes of HMAC-SHA-256, in hex. */
  private static String hmac(byte[] key, String id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
    return "h:" + HexFormat.of().formatHex(digest).substring(0, 16);
  }

  private static byte[] serialize(KeyedHash hash) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(hash);
    }
    return bytes.toByteArray();
  }

  private static KeyedHash deserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (KeyedHash) in.readObject();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      boolean here = true;
      for (int j = 0; j < needle.length && here; j++) {
        here = haystack[i + j] == needle[j];
      }
      if (here) {
        return true;
      }
    }
    return false;
  }
}
