package io.mobiflow.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest indicators of every zone and stop, read from the flow tables: the zones with their
 * geometries once; the first {@link #poll()} reads the last two hours of windows, each later one
 * the rows written since (the table's {@code written_at_ms}), so windows written out of order by
 * parallel writers, or updated by late data, are seen; a new or changed flow is an SSE {@code flow}
 * event. Memory holds one flow per zone and stop. Thread-safe.
 */
public final class FlowBoard {

  /** The units the API serves. */
  static final List<SpatialUnit> UNITS = List.of(SpatialUnit.ZONE, SpatialUnit.STOP);

  /** How far back the first poll looks from now's newest window. */
  private static final Duration FIRST_LOOK_BACK = Duration.ofHours(2);

  private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

  /** Rows written this long before the newest write seen are read again (and ignored if equal). */
  private static final Duration WRITE_MARGIN = Duration.ofSeconds(60);

  /** The most rows one poll reads per unit. */
  private static final int LIMIT = 1_000_000;

  private final FlowStore store;
  private final Events events;
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<SpatialUnit, Map<String, ZoneFlow>> latest = new HashMap<>();
  private final Map<SpatialUnit, Long> writtenUpTo = new ConcurrentHashMap<>();

  public FlowBoard(FlowStore store, Events events) throws IOException {
    this.store = store;
    this.events = events;
    for (Zone zone : store.readZones()) {
      zones.put(zone.id(), zone);
    }
    UNITS.forEach(unit -> latest.put(unit, new HashMap<>()));
  }

  /** Reads what the job wrote since the last poll; returns how many flows were new or changed. */
  public int poll() throws IOException {
    int changed = 0;
    for (SpatialUnit unit : UNITS) {
      List<ZoneFlow> read;
      Long cursor = writtenUpTo.get(unit);
      if (cursor == null) {
        // the first poll: the store's recent windows only, not its whole history
        Optional<Instant> newest = store.newestWindowStart(unit);
        if (newest.isEmpty()) {
          continue;
        }
        long upTo = store.newestWrite(unit);
        read = store.readFlows(unit, null, newest.get().minus(FIRST_LOOK_BACK), FAR_FUTURE, LIMIT);
        writtenUpTo.put(unit, upTo);
      } else {
        // rows written since, and a margin for writers' clocks and commits in flight
        FlowStore.Written written =
            store.readWrittenSince(unit, cursor - WRITE_MARGIN.toMillis(), LIMIT);
        read = written.flows();
        writtenUpTo.put(unit, Math.max(cursor, written.newestMillis()));
      }
      for (ZoneFlow flow : read) {
        if (take(flow)) {
          changed++;
          events.publish(new Events.Event("flow", json(flow)));
        }
      }
    }
    return changed;
  }

  private synchronized boolean take(ZoneFlow flow) {
    Map<String, ZoneFlow> held = latest.get(flow.unit());
    ZoneFlow current = held.get(flow.unitId());
    if (current != null
        && (current.windowStart().isAfter(flow.windowStart()) || current.equals(flow))) {
      return false;
    }
    held.put(flow.unitId(), flow);
    return true;
  }

  /** The newest write time (the writers' clock) of the rows read so far, if any. */
  public Optional<Instant> newestWrite() {
    return writtenUpTo.values().stream()
        .max(Long::compare)
        .filter(millis -> millis > 0)
        .map(Instant::ofEpochMilli);
  }

  /** The zones, in the store's order. */
  public List<Zone> zones() {
    return List.copyOf(zones.values());
  }

  /** One zone. */
  public Optional<Zone> zone(String id) {
    return Optional.ofNullable(zones.get(id));
  }

  /** The latest flow of a zone or stop, if any. */
  public synchronized Optional<ZoneFlow> latest(SpatialUnit unit, String id) {
    return Optional.ofNullable(latest.get(unit).get(id));
  }

  /** The store, for time-range queries. */
  public FlowStore store() {
    return store;
  }

  static String json(Object record) {
    try {
      return JsonLines.MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records always serialize", e);
    }
  }
}
