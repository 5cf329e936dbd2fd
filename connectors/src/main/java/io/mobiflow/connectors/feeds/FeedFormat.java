package io.mobiflow.connectors.feeds;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the documents of one feed kind look and are read.
 *
 * @param kind the kind
 * @param family how its documents are parsed
 * @param mediaType the media type of its documents (the raw topics' {@code content-type} header)
 * @param extension the file extension of its documents, without the dot (recordings)
 * @param eventType what its decoder gives
 * @param decoders makes a decoder of its documents
 * @param <T> the event type
 */
public record FeedFormat<T>(
    FeedKind kind,
    FeedFamily family,
    String mediaType,
    String extension,
    Class<T> eventType,
    Supplier<FeedDecoder<T>> decoders) {

  public FeedFormat {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(decoders, "decoders");
  }

  /** A new decoder of this kind's documents. */
  public FeedDecoder<T> decoder() {
    return decoders.get();
  }
}
