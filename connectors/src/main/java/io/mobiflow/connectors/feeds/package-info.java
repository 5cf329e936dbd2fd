/**
 * The registry of feed kinds: for each {@link io.mobiflow.connectors.common.FeedKind} its {@link
 * io.mobiflow.connectors.feeds.FeedFormat} (media type, file extension, family, decoder, event
 * type), and the detection of a document's kind from its bytes. The job, {@code inspect}, the
 * poller, the recorder and the raw topics' serializer all take these from {@link
 * io.mobiflow.connectors.feeds.FeedFormats}.
 */
package io.mobiflow.connectors.feeds;
