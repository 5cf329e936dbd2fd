package io.mobiflow.connectors.common;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms for the ids of vehicles and bikes: HMAC-SHA-256 of the id under a secret key, cut to
 * {@link #HEX_DIGITS} hex digits and prefixed {@value #PREFIX} ({@code h:3f9a0c…}). The same id
 * under the same key is the same pseudonym, so an operator can follow one vehicle through the
 * outputs of a run; without the key the id cannot be recovered nor a guessed id checked. The key
 * never appears in an output nor in {@link #toString()}.
 *
 * <p>It travels inside the job (a Flink function holding it is serialized into the job graph), so
 * the cluster that runs the job holds the key: see {@code docs/privacy.md}.
 */
public final class KeyedHash implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What every pseudonym starts with. */
  public static final String PREFIX = "h:";

  /** Hex digits kept of the 64 of the HMAC: 64 bits, no collision in any real fleet. */
  public static final int HEX_DIGITS = 16;

  /** The shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";

  private static final KeyedHash PROCESS = new KeyedHash(randomKey());

  private final byte[] key;
  private transient Mac mac;

  private KeyedHash(byte[] key) {
    this.key = key.clone();
  }

  /**
   * A hash under {@code key} (the bytes of a key file or of an environment variable's value).
   *
   * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
   */
  public static KeyedHash withKey(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a pseudonym key needs at least " + MIN_KEY_BYTES + " bytes, this one has " + key.length);
    }
    return new KeyedHash(key);
  }

  /**
   * The hash under this process's own random key, drawn once when the class is loaded: the same in
   * every job this process builds, different in the next process (pseudonyms do not link across
   * runs).
   */
  public static KeyedHash ofThisProcess() {
    return PROCESS;
  }

  /** The pseudonym of {@code id}: {@code h:} and {@link #HEX_DIGITS} lower-case hex digits. */
  public synchronized String pseudonym(String id) {
    if (mac == null) {
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
      }
    }
    byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
  }

  /** Whether {@code text} is a pseudonym as this class writes them. */
  public static boolean isPseudonym(String text) {
    return text != null && text.matches(PREFIX + "[0-9a-f]{" + HEX_DIGITS + "}");
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "KeyedHash[HMAC-SHA-256, key hidden]";
  }
}
