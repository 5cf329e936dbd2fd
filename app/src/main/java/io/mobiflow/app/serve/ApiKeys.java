package io.mobiflow.app.serve;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The API keys (bearer tokens) a client may present, held as their SHA-256 digests only. A
 * presented key is digested and compared with every digest held, each in constant time ({@link
 * MessageDigest#isEqual}), without stopping at a match: the answer's timing says nothing about the
 * keys. None held: the API is open.
 */
public final class ApiKeys {

  /** No keys: every request is let in. */
  public static final ApiKeys NONE = new ApiKeys(List.of());

  /** The shortest key taken: a shorter one could be guessed. */
  static final int MIN_LENGTH = 16;

  private final List<byte[]> digests;

  private ApiKeys(List<String> keys) {
    this.digests = keys.stream().map(ApiKeys::digest).toList();
  }

  /**
   * These keys.
   *
   * @throws IllegalArgumentException for a key shorter than {@value #MIN_LENGTH} characters or with
   *     spaces or control characters
   */
  public static ApiKeys of(List<String> keys) {
    for (String key : keys) {
      if (key.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "an API key has " + key.length() + " characters, fewer than " + MIN_LENGTH);
      }
      if (key.chars().anyMatch(c -> c <= ' ' || c == 127)) {
        throw new IllegalArgumentException("an API key holds a space or a control character");
      }
    }
    return new ApiKeys(keys);
  }

  /**
   * The keys of a file: one a line; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException for a file without keys or that is not UTF-8 text
   */
  public static ApiKeys read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text");
    }
    List<String> keys =
        lines.stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no API key in " + file);
    }
    return of(keys);
  }

  /** The keys of an environment variable's value: separated by commas. */
  public static ApiKeys parse(String commaSeparated) {
    List<String> keys =
        Arrays.stream(commaSeparated.split(","))
            .map(String::strip)
            .filter(k -> !k.isEmpty())
            .toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no API key in the environment variable");
    }
    return of(keys);
  }

  /** Whether keys are required. */
  public boolean required() {
    return !digests.isEmpty();
  }

  /** Whether {@code presented} is one of the keys (false for null). */
  public boolean accepts(String presented) {
    if (presented == null) {
      return false;
    }
    byte[] digest = digest(presented);
    boolean found = false;
    for (byte[] held : digests) {
      found |= MessageDigest.isEqual(held, digest);
    }
    return found;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + digests.size() + "]"; // never the keys
  }
}
