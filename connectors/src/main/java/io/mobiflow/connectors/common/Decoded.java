package io.mobiflow.connectors.common;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of decoding (or matching) one entity of a feed: a value or a rejection reason, never
 * both, always with where the entity came from.
 *
 * @param source the entity's place in its feed (file and line, or topic/partition/offset)
 * @param value the event, or {@code null} when rejected
 * @param reason why it was rejected, or {@code null} when decoded
 * @param detail one line for a human when rejected, or {@code null}
 * @param <T> the event type
 */
public record Decoded<T>(SourceRef source, T value, RejectReason reason, String detail) {

  public Decoded {
    Objects.requireNonNull(source, "source");
    if ((value == null) == (reason == null)) {
      throw new IllegalArgumentException("exactly one of value and reason must be set");
    }
    if (reason != null) {
      Objects.requireNonNull(detail, "detail");
    }
  }

  public static <T> Decoded<T> ok(SourceRef source, T value) {
    return new Decoded<>(source, Objects.requireNonNull(value, "value"), null, null);
  }

  public static <T> Decoded<T> rejected(SourceRef source, RejectReason reason, String detail) {
    return new Decoded<>(source, null, Objects.requireNonNull(reason, "reason"), detail);
  }

  public boolean isOk() {
    return value != null;
  }

  /** The value mapped, or the same rejection. */
  public <R> Decoded<R> map(Function<? super T, ? extends R> mapper) {
    return isOk() ? ok(source, mapper.apply(value)) : rejected(source, reason, detail);
  }

  /** The value passed to {@code next}, which may reject it; or the same rejection. */
  public <R> Decoded<R> flatMap(Function<? super T, Decoded<R>> next) {
    return isOk() ? next.apply(value) : rejected(source, reason, detail);
  }

  /** The rejection to send to the dead-letter output; only for results that are not ok. */
  public Rejection rejection() {
    if (isOk()) {
      throw new IllegalStateException("decoded value has no rejection");
    }
    return new Rejection(reason, source, detail);
  }
}
