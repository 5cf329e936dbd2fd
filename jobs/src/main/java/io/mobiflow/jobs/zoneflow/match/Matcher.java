package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.SourceRef;
import java.io.Serializable;

/**
 * Places one decoded event on the map, or rejects it with a reason (unknown reference, outside
 * every zone). Pure: all lookups go through the given index.
 *
 * @param <T> the event
 * @param <M> its matched form
 */
@FunctionalInterface
public interface Matcher<T, M> extends Serializable {

  Decoded<M> match(T event, SourceRef source, PlaceIndex places);
}
