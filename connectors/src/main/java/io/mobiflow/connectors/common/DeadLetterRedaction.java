package io.mobiflow.connectors.common;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dead letter may keep of a vehicle: every writer of dead letters passes each one through
 * {@link #redact} before it leaves the engine. Ids of vehicles and bikes become keyed pseudonyms
 * ({@link KeyedHash}), coordinates are rounded to {@value #COORDINATE_DECIMALS} decimals (about 110
 * m), in the detail and in the source's file (which names the entity an operator threw on). The
 * reason, the feed, the file's line or entity index and the rest of the text are kept, so the
 * operator can still find the input in the raw snapshot (internal, under retention).
 *
 * <p>Writers name a vehicle as {@link #vehicle(String)} does, {@code vehicle '<id>'}, the form the
 * decoders use. Also recognised: {@code bike '<id>'} and {@code entity '<id>'} (a GTFS-Realtime
 * entity id, often the vehicle's), the record fields {@code vehicleId=}, {@code label=} and {@code
 * licensePlate=} of an observation quoted whole, and the JSON members {@code vehicle_id}, {@code
 * bike_id}, {@code label} and {@code license_plate}. A number with more than {@value
 * #COORDINATE_DECIMALS} decimals and at most three integer digits is taken for a coordinate; a
 * time's seconds ({@code 07:31:30.123456}) are not. An id cut off by {@link Rejection#excerpt} is
 * pseudonymised as far as it goes.
 */
public final class DeadLetterRedaction implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Decimals kept of a coordinate. */
  public static final int COORDINATE_DECIMALS = 3;

  private static final Pattern QUOTED_ID =
      Pattern.compile(
          "\\b(vehicle|bike|entity) '(.*?)('(?=$|[\\s:,;)\\]])|(?= …\\[\\d+ bytes, sha256 \\w+]$))");
  private static final Pattern FIELD_ID =
      Pattern.compile("\\b(vehicleId|label|licensePlate)=([^,\\])]*)");
  private static final Pattern JSON_ID =
      Pattern.compile(
          "\"(vehicle_id|bike_id|label|license_plate)\"(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+)");
  private static final Pattern COORDINATE =
      Pattern.compile("(?<![\\w.:])-?\\d{1,3}\\.\\d{" + (COORDINATE_DECIMALS + 1) + ",}(?![\\w.])");

  private final KeyedHash hash;

  /** Redacts with pseudonyms under {@code hash}'s key. */
  public DeadLetterRedaction(KeyedHash hash) {
    this.hash = Objects.requireNonNull(hash, "hash");
  }

  /** How a dead letter names a vehicle: {@code vehicle '<id>'} ({@link Require#quoted}). */
  public static String vehicle(String id) {
    return "vehicle " + Require.quoted(id);
  }

  /** The dead letter as it may leave the engine: vehicle ids pseudonymised, coordinates rounded. */
  public Rejection redact(Rejection rejection) {
    SourceRef source = rejection.source();
    String file = source.file() == null ? null : redact(source.file());
    return new Rejection(
        rejection.reason(),
        new SourceRef(
            source.feedId(),
            file,
            source.line(),
            source.topic(),
            source.partition(),
            source.offset()),
        redact(rejection.detail()));
  }

  /** A text with its vehicle ids pseudonymised and its coordinates rounded. */
  public String redact(String text) {
    String out =
        replace(QUOTED_ID, text, m -> m.group(1) + " '" + pseudonym(m.group(2)) + m.group(3));
    out = replace(FIELD_ID, out, m -> m.group(1) + "=" + pseudonym(m.group(2)));
    out =
        replace(
            JSON_ID,
            out,
            m -> {
              String value = m.group(3);
              String id = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
              return "\"" + m.group(1) + "\"" + m.group(2) + "\"" + pseudonym(id) + "\"";
            });
    return replace(COORDINATE, out, m -> round(m.group()));
  }

  private String pseudonym(String id) {
    return KeyedHash.isPseudonym(id) || id.equals("null") ? id : hash.pseudonym(id);
  }

  private static String round(String number) {
    return new BigDecimal(number)
        .setScale(COORDINATE_DECIMALS, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
    return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
  }
}
