package io.mobiflow.app.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run wrote, compared with what it should have written, as multisets of records: order does
 * not count, copies do. A record written twice where once was expected is an extra copy, a record
 * not written a missing one; {@link Differences#describe} names them with their counts.
 */
final class OutputMultiset {

  /** How many records the message of {@link Differences#describe} names, at most. */
  static final int NAMED = 10;

  private OutputMultiset() {}

  /**
   * One record whose number of copies differs.
   *
   * @param record the record as text
   * @param expected copies expected
   * @param actual copies written
   */
  record Difference(String record, int expected, int actual) {

    /** Copies missing ({@code > 0}) or extra ({@code < 0}). */
    int missing() {
      return expected - actual;
    }
  }

  /**
   * The records whose counts differ.
   *
   * @param records each with its expected and written copies, in the records' text order
   */
  record Differences(List<Difference> records) {

    Differences {
      records = List.copyOf(records);
    }

    /** True when every record was written exactly as often as expected. */
    boolean isEmpty() {
      return records.isEmpty();
    }

    /** Copies missing in all. */
    int missing() {
      return records.stream().mapToInt(d -> Math.max(0, d.missing())).sum();
    }

    /** Extra copies in all. */
    int extra() {
      return records.stream().mapToInt(d -> Math.max(0, -d.missing())).sum();
    }

    /**
     * One line with the totals, then up to {@link #NAMED} records, each with its counts, e.g.
     * {@code "zone-flows: 1 missing, 1 extra"} and {@code " missing 1 of 1: {...}"}.
     */
    String describe(String output) {
      StringBuilder text =
          new StringBuilder(output + ": " + missing() + " missing, " + extra() + " extra");
      for (Difference d : records.subList(0, Math.min(NAMED, records.size()))) {
        text.append("\n  ")
            .append(d.missing() > 0 ? "missing " + d.missing() : "extra " + -d.missing())
            .append(" of ")
            .append(d.expected())
            .append(" expected (written ")
            .append(d.actual())
            .append("): ")
            .append(d.record());
      }
      if (records.size() > NAMED) {
        text.append("\n  ... and ").append(records.size() - NAMED).append(" more records");
      }
      return text.toString();
    }
  }

  /** The records whose counts differ between {@code expected} and {@code actual}. */
  static Differences differences(Collection<String> expected, Collection<String> actual) {
    Map<String, int[]> counts = new TreeMap<>();
    for (String record : expected) {
      counts.computeIfAbsent(record, r -> new int[2])[0]++;
    }
    for (String record : actual) {
      counts.computeIfAbsent(record, r -> new int[2])[1]++;
    }
    List<Difference> differences = new ArrayList<>();
    counts.forEach(
        (record, n) -> {
          if (n[0] != n[1]) {
            differences.add(new Difference(record, n[0], n[1]));
          }
        });
    return new Differences(differences);
  }

  /**
   * Fails with {@link Differences#describe} unless {@code actual} holds each record of {@code
   * expected} exactly as often.
   */
  static void assertSameRecords(
      String output, Collection<String> expected, Collection<String> actual) {
    Differences differences = differences(expected, actual);
    if (!differences.isEmpty()) {
      throw new AssertionError(differences.describe(output));
    }
  }
}
