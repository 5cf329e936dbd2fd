package io.mobiflow.connectors.common;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms for the ids of vehicles and bikes: HMAC-SHA-256 of the id under a secret key, cut to
 * {@link #HEX_DIGITS} hex digits and prefixed {@value #PREFIX} ({@code h:3f9a0c…}). The same id
 * under the same key is the same pseudonym, so an operator can follow one vehicle through the
 * outputs of a run; without the key the id cannot be recovered nor a guessed id checked. The key
 * never appears in an output nor in {@link #toString()}.
 *
 * <p>A Flink function holding it is serialized into the job graph, which a cluster keeps (on
 * Kubernetes in the high-availability store). A key named by reference ({@link #fromEnvironment},
 * {@link #fromFile}) travels as that reference only: the variable's name or the file's path. Each
 * TaskManager reads the key where the first pseudonym is made, and a TaskManager without it fails
 * the task with a message naming the variable or file. A key given as bytes ({@link #withKey}) and
 * this process's random key ({@link #ofThisProcess}) travel in the graph: the random key must, so
 * that every TaskManager makes the same pseudonyms. See {@code docs/privacy.md}.
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

  /** The key itself, or null when it is named by {@link #keyVariable} or {@link #keyFile}. */
  private final byte[] key;

  /** The environment variable that holds the key, or null. */
  private final String keyVariable;

  /** The file that holds the key (a path: {@link Path} is not serializable), or null. */
  private final String keyFile;

  private transient Mac mac;

  private KeyedHash(byte[] key, String keyVariable, String keyFile) {
    this.key = key == null ? null : key.clone();
    this.keyVariable = keyVariable;
    this.keyFile = keyFile;
  }

  private KeyedHash(byte[] key) {
    this(key, null, null);
  }

  /**
   * A hash under {@code key} (the bytes of a key file or of an environment variable's value).
   *
   * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
   */
  public static KeyedHash withKey(byte[] key) {
    checkLength(key);
    return new KeyedHash(key);
  }

  /**
   * A hash under the value of the environment variable {@code name} (stripped, as UTF-8 bytes),
   * read where the first pseudonym is made: only the name travels with this object.
   */
  public static KeyedHash fromEnvironment(String name) {
    return new KeyedHash(null, Objects.requireNonNull(name, "name"), null);
  }

  /**
   * A hash under the content of {@code file} (stripped, as UTF-8 bytes), read where the first
   * pseudonym is made: only the path (made absolute here) travels with this object.
   */
  public static KeyedHash fromFile(Path file) {
    return new KeyedHash(null, null, file.toAbsolutePath().toString());
  }

  /**
   * Reads the key now, as the first pseudonym will, so that a configuration names a usable key
   * before a job is built with it.
   *
   * @throws IllegalStateException when the named variable is not set (or blank) or the named file
   *     cannot be read (its {@link IOException} the cause)
   * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
   */
  public void checkKey() {
    readKey();
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
      byte[] keyBytes = readKey();
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(keyBytes, ALGORITHM));
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

  /** The key: the bytes held, or the named variable's value or file's content, read now. */
  private byte[] readKey() {
    if (key != null) {
      return key;
    }
    String text;
    if (keyVariable != null) {
      text = System.getenv(keyVariable);
      if (text == null || text.isBlank()) {
        throw new IllegalStateException(
            "the pseudonym key's environment variable " + keyVariable + " is not set");
      }
    } else {
      try {
        text = Files.readString(Path.of(keyFile));
      } catch (IOException e) {
        throw new IllegalStateException(
            "the pseudonym key file "
                + keyFile
                + " cannot be read: "
                + (e instanceof NoSuchFileException ? "there is no such file" : e.getMessage()),
            e);
      }
    }
    byte[] bytes = text.strip().getBytes(StandardCharsets.UTF_8);
    checkLength(bytes);
    return bytes;
  }

  private static void checkLength(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a pseudonym key needs at least " + MIN_KEY_BYTES + " bytes, this one has " + key.length);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Never the key; the variable's name or the file's path when the key is named by one. */
  @Override
  public String toString() {
    if (keyVariable != null) {
      return "KeyedHash[HMAC-SHA-256, key in environment variable " + keyVariable + "]";
    }
    if (keyFile != null) {
      return "KeyedHash[HMAC-SHA-256, key in file " + keyFile + "]";
    }
    return "KeyedHash[HMAC-SHA-256, key hidden]";
  }
}
