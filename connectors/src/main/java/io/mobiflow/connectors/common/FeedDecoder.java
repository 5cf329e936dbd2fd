package io.mobiflow.connectors.common;

import java.io.Serializable;
import java.util.List;

/**
 * A pure function from one raw feed document to its entities: every entity either decoded or
 * rejected with a reason and its place in the document. Never throws on bad input.
 *
 * <p>Implementations are stateless or immutable, and thread-safe.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface FeedDecoder<T> extends Serializable {

  /** The size limit of {@link #limitedTo} that jobs and the CLI use: 64 MiB. */
  long DEFAULT_MAX_BYTES = 64L << 20;

  List<Decoded<T>> decode(FeedSnapshot snapshot);

  /**
   * This decoder behind a size limit: a document over {@code maxBytes} becomes one {@link
   * RejectReason#TOO_LARGE} rejection and is not parsed, and an {@linkplain FeedSnapshot#unread
   * unread} document (whose bytes the source withheld) becomes the one rejection its source gave.
   */
  default FeedDecoder<T> limitedTo(long maxBytes) {
    FeedDecoder<T> inner = this;
    return snapshot -> {
      if (snapshot.withheld() != null) {
        return List.of(
            Decoded.rejected(
                snapshot.source(), snapshot.withheld().reason(), snapshot.withheld().detail()));
      }
      if (snapshot.payload().length > maxBytes) {
        return List.of(
            Decoded.rejected(
                snapshot.source(),
                RejectReason.TOO_LARGE,
                snapshot.payload().length + " bytes, over the limit of " + maxBytes));
      }
      return inner.decode(snapshot);
    };
  }
}
