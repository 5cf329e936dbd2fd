/**
 * What every feed shares: raw {@link io.mobiflow.connectors.common.FeedSnapshot}s, {@link
 * io.mobiflow.connectors.common.Decoded} results and the {@link
 * io.mobiflow.connectors.common.Rejection}s that go to the dead-letter output.
 */
package io.mobiflow.connectors.common;
