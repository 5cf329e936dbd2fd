/**
 * Kafka in and out: the raw topics' record layout ({@link io.mobiflow.connectors.kafka.RawTopics}),
 * the (de)serializers between raw records and {@link io.mobiflow.connectors.common.FeedSnapshot}s,
 * and JSON output records.
 */
package io.mobiflow.connectors.kafka;
