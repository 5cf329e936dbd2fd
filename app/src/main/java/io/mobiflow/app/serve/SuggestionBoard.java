package io.mobiflow.app.serve;

import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest record of every suggestion, as read so far, and the board's clock: the time of the
 * newest record (event time, the pipeline's "now"), unless a fixed time is asked for (to look at a
 * replay as it stood then). Ended suggestions are forgotten once the clock is an hour past their
 * end, so memory follows what is current. Thread-safe: readers run on the HTTP threads.
 */
public final class SuggestionBoard {

  /** How long an ended suggestion is remembered (a late record of it is then still recognised). */
  static final long FORGET_AFTER_SECONDS = 3600;

  private final Map<String, Suggestion> latest = new HashMap<>();
  private final Instant fixedClock;
  private final Events events;
  private Instant newest = Instant.EPOCH;

  /**
   * @param fixedClock the time to serve the board as of, or null for the newest record's time
   * @param events where each record taken is published as a {@code suggestion} event
   */
  public SuggestionBoard(Instant fixedClock, Events events) {
    this.fixedClock = fixedClock;
    this.events = events;
  }

  /** Takes one record; an older record of the same id than the one held changes nothing. */
  public synchronized void accept(Suggestion suggestion) {
    if (fixedClock != null && suggestion.at().isAfter(fixedClock)) {
      return; // after the time looked at
    }
    Suggestion held = latest.get(suggestion.id());
    if (held != null && suggestion.at().isBefore(held.at())) {
      return;
    }
    latest.put(suggestion.id(), suggestion);
    events.publish(new Events.Event("suggestion", FlowBoard.json(suggestion)));
    if (suggestion.at().isAfter(newest)) {
      newest = suggestion.at();
      Instant forget = newest.minusSeconds(FORGET_AFTER_SECONDS);
      latest
          .values()
          .removeIf(s -> s.status() != SuggestionStatus.ISSUED && s.at().isBefore(forget));
    }
  }

  /** The board's "now". */
  public synchronized Instant clock() {
    return fixedClock != null ? fixedClock : newest;
  }

  /** The suggestions valid now: issued, not ended, validity not over; by validity end, then id. */
  public synchronized List<Suggestion> current() {
    Instant now = clock();
    return latest.values().stream()
        .filter(s -> s.status() == SuggestionStatus.ISSUED)
        .filter(s -> !s.validFrom().isAfter(now) && s.validUntil().isAfter(now))
        .sorted(Comparator.comparing(Suggestion::validUntil).thenComparing(Suggestion::id))
        .toList();
  }

  /** How many suggestions are held (current or recently ended). */
  public synchronized int size() {
    return latest.size();
  }
}
