package io.mobiflow.jobs.suggest.operators;

import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The suggestions of one key (a stop, a zone) that are published and still valid, in keyed state:
 * what a rule finds now is compared with them, so that a suggestion is issued once, issued again
 * only when its advice changes, withdrawn when its condition no longer holds, and expired by an
 * event-time timer at the end of its validity. State holds only valid suggestions: bounded by the
 * rules' keys, emptied by the timers. Each issue is counted per type ({@link
 * JobMetrics#SUGGESTIONS_ISSUED}).
 */
final class ActiveSuggestions {

  static MapStateDescriptor<String, Suggestion> descriptor() {
    return new MapStateDescriptor<>(
        "active-suggestions", Types.STRING, TypeInformation.of(Suggestion.class));
  }

  private final MapState<String, Suggestion> state;
  private final Map<SuggestionType, Counter> issued = new EnumMap<>(SuggestionType.class);

  /** The suggestions in {@code state}; issues counted in the operator's metric group. */
  ActiveSuggestions(MapState<String, Suggestion> state, MetricGroup operator) {
    this.state = state;
    for (SuggestionType type : SuggestionType.values()) {
      issued.put(
          type,
          JobMetrics.SUGGESTIONS_ISSUED.counter(operator, type.name().toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * Publishes what the rule found for {@code id} at {@code at}: a new or changed suggestion is
   * issued (with a timer at its end), a vanished one withdrawn, an unchanged one left alone (one
   * whose validity has run out meanwhile is expired).
   */
  void reconcile(
      String id,
      Optional<Suggestion> found,
      Instant at,
      TimerService timers,
      Collector<Suggestion> out)
      throws Exception {
    Suggestion published = state.get(id);
    if (published != null && at.isBefore(published.at())) {
      return; // an older observation, arriving late (documents are decoded in parallel)
    }
    if (found.isPresent() && found.get().validUntil().isAfter(at)) {
      Suggestion now = found.get();
      if (published == null || !published.sameAdviceAs(now)) {
        state.put(id, now);
        timers.registerEventTimeTimer(now.validUntil().toEpochMilli());
        issued.get(now.type()).inc();
        out.collect(now);
      }
    } else if (published != null) {
      state.remove(id);
      out.collect(
          published.validUntil().isAfter(at)
              ? published.withStatus(SuggestionStatus.WITHDRAWN, at)
              : published.withStatus(SuggestionStatus.EXPIRED, published.validUntil()));
    }
  }

  /** Expires every suggestion whose validity ended at or before {@code time}. */
  void expire(long time, Collector<Suggestion> out) throws Exception {
    List<String> ended = new ArrayList<>();
    for (Map.Entry<String, Suggestion> entry : state.entries()) {
      if (entry.getValue().validUntil().toEpochMilli() <= time) {
        ended.add(entry.getKey());
        out.collect(
            entry.getValue().withStatus(SuggestionStatus.EXPIRED, entry.getValue().validUntil()));
      }
    }
    for (String id : ended) {
      state.remove(id);
    }
  }
}
