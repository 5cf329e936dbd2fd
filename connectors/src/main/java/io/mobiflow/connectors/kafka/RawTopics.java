package io.mobiflow.connectors.kafka;

import io.mobiflow.connectors.common.FeedKind;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * Mobiflow's raw topics: one per feed kind, named {@code <prefix><kind in lower case>} (e.g. {@code
 * mobiflow.raw.gtfs_rt_vehicle_positions}). A record is one raw document: key = the feed id
 * (UTF-8), value = the bytes the endpoint served, headers {@link #CONTENT_TYPE}, {@link
 * #FETCHED_AT} (epoch milliseconds, decimal) and {@link #SOURCE_URL}; a document whose bytes were
 * withheld has an empty value and {@link #WITHHELD_REASON} and {@link #WITHHELD_DETAIL}. See {@code
 * docs/topics.md} for every topic.
 *
 * @param prefix the common prefix of the raw topics
 */
public record RawTopics(String prefix) implements Serializable {

  /** Header: the document's media type. */
  public static final String CONTENT_TYPE = "content-type";

  /** Header: when the document was fetched, epoch milliseconds in decimal. */
  public static final String FETCHED_AT = "fetched-at";

  /** Header: where it was fetched from. */
  public static final String SOURCE_URL = "source-url";

  /**
   * Header, only on a document whose bytes were withheld (over the size limit, unreadable): the
   * {@link io.mobiflow.connectors.common.RejectReason} it becomes; the value is then empty.
   */
  public static final String WITHHELD_REASON = "withheld-reason";

  /** Header, with {@link #WITHHELD_REASON}: the rejection's detail (size and limit, or error). */
  public static final String WITHHELD_DETAIL = "withheld-detail";

  /** The default prefix. */
  public static final String DEFAULT_PREFIX = "mobiflow.raw.";

  /** The topic of a kind. */
  public String topicOf(FeedKind kind) {
    return prefix + kind.name().toLowerCase(Locale.ROOT);
  }

  /** The kind a topic carries, if it is one of these raw topics. */
  public Optional<FeedKind> kindOf(String topic) {
    if (!topic.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          FeedKind.valueOf(topic.substring(prefix.length()).toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
