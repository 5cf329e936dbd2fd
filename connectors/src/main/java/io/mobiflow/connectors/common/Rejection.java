package io.mobiflow.connectors.common;

import java.util.Objects;

/**
 * An input that did not become an event: what it was, where it came from and why. Rejections go to
 * the dead-letter output and are counted per reason; they are never dropped silently.
 *
 * @param reason the typed reason
 * @param source where the input came from
 * @param detail one line for a human: the field and the value, or the parser's message
 */
public record Rejection(RejectReason reason, SourceRef source, String detail) {

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return reason + " at " + source + ": " + detail;
  }
}
