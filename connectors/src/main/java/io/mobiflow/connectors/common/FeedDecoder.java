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

  List<Decoded<T>> decode(FeedSnapshot snapshot);
}
