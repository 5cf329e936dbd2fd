package io.mobiflow.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.sink.JsonLines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code /readyz}: every source readable (its last read succeeded) and, where the
 * data carry write times (the flow tables), written to within {@code staleAfter} (zero: never
 * stale). Ready is 200, otherwise 503; the body says, per source, why.
 */
final class Readiness {

  /** A status and its JSON body. */
  record Answer(int status, ObjectNode body) {}

  private final List<SourceHealth> sources;
  private final Duration staleAfter;
  private final Clock clock;

  Readiness(List<SourceHealth> sources, Duration staleAfter, Clock clock) {
    this.sources = List.copyOf(sources);
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** What {@code /readyz} says of a source whose last read failed; the log says why. */
  static final String UNREADABLE = "the last read failed (the server's log says why)";

  Answer check() {
    Instant now = clock.instant();
    boolean ready = true;
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("checked_at", now.toString());
    body.put("stale_after_seconds", staleAfter.toSeconds());
    ArrayNode list = body.putArray("sources");
    for (SourceHealth source : sources) {
      ObjectNode entry = list.addObject();
      entry.put("source", source.kind());
      entry.put("readable", source.error() == null && source.lastRead() != null);
      // no path, address or exception here: /readyz answers without a key
      entry.put("error", source.error() == null ? null : UNREADABLE);
      entry.put("last_read", source.lastRead() == null ? null : source.lastRead().toString());
      boolean stale = false;
      if (source.hasWriteTimes()) {
        Optional<Instant> newest = source.newestWrite();
        entry.put("newest_write", newest.map(Instant::toString).orElse(null));
        if (newest.isPresent()) {
          entry.put("age_seconds", Duration.between(newest.get(), now).toSeconds());
        }
        stale =
            !staleAfter.isZero()
                && (newest.isEmpty()
                    || Duration.between(newest.get(), now).compareTo(staleAfter) > 0);
        entry.put("stale", stale);
      }
      ready &= entry.get("readable").asBoolean() && !stale;
    }
    body.put("ready", ready);
    return new Answer(ready ? 200 : 503, body);
  }
}
