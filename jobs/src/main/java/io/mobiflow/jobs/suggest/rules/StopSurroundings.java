package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.geodata.nearest.GridStopFinder;
import io.mobiflow.geodata.nearest.NearbyStop;
import io.mobiflow.geodata.nearest.StopLocation;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.TravelModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What lies around the stops of one network, for the suggestion rules: the stops and their zones,
 * the stops within a transfer's distance of each, the stop of a trip an update names, and the
 * stations and free-floating vehicles within walking distance of a stop with their availability at
 * a time. Nearness is answered by the geo core: a {@link GridStopFinder} over the stops and one
 * over the stations' fixed positions, built once; one over each free-floating snapshot, built when
 * the snapshot is first used. Transfers are found once per stop.
 *
 * <p>Built once per task; it keeps those caches, so it is not for use by several threads at once.
 */
public final class StopSurroundings {

  /** At most this many stations, vehicles or transfer stops are looked at around one stop. */
  static final int NEAR_LIMIT = 32;

  /** The reports of each station (in event-time order), as the caller holds them. */
  @FunctionalInterface
  public interface StationReports {

    /** The reports of {@code stationId}, oldest first, or null when there is none. */
    List<StationStatus> of(String stationId) throws Exception;
  }

  private final CompactTimetable timetable;
  private final double radiusMeters;
  private final Duration reportMaxAge;
  private final Map<String, TransitStop> stops = new HashMap<>();
  private final Map<String, String> zoneOfStop = new HashMap<>();
  private final Map<String, StationInformation> stations = new HashMap<>();
  private final GridStopFinder stopFinder;
  private final GridStopFinder stationFinder;
  private final Map<String, List<TransitStop>> transfers = new HashMap<>();
  private final Map<String, IndexedVehicles> fleetIndexes = new HashMap<>();

  /**
   * @param timetable the network: its stops and trips
   * @param stopsByZone the ids of the stops in each zone
   * @param stations the shared-mobility stations
   * @param settings the walking radius ({@link TravelModel#radiusMeters()}) and how old a report or
   *     snapshot may be ({@link SuggestionSettings#stationMaxAge()})
   */
  public StopSurroundings(
      CompactTimetable timetable,
      Map<String, ? extends Collection<String>> stopsByZone,
      List<StationInformation> stations,
      SuggestionSettings settings) {
    this.timetable = timetable;
    this.radiusMeters = settings.travel().radiusMeters();
    this.reportMaxAge = settings.stationMaxAge();
    timetable.stops().forEach(stop -> stops.put(stop.stopId(), stop));
    stopsByZone.forEach((zone, ids) -> ids.forEach(id -> zoneOfStop.put(id, zone)));
    stations.forEach(station -> this.stations.put(station.stationId(), station));
    stopFinder = new GridStopFinder(timetable.stops().stream().map(TransitStop::location).toList());
    stationFinder =
        new GridStopFinder(
            stations.stream()
                .map(s -> new StopLocation(s.stationId(), s.latitude(), s.longitude()))
                .toList());
  }

  /** The network's stops by id. */
  public Map<String, TransitStop> stops() {
    return Collections.unmodifiableMap(stops);
  }

  /** The stop {@code stopId}, or null when the network has none of that id. */
  public TransitStop stop(String stopId) {
    return stops.get(stopId);
  }

  /** The zone of {@code stopId}, or null when it is in none. */
  public String zoneOf(String stopId) {
    return zoneOfStop.get(stopId);
  }

  /** The stations' names by id. */
  public Map<String, String> stationNames() {
    Map<String, String> names = new HashMap<>();
    stations.forEach((id, station) -> names.put(id, station.name()));
    return names;
  }

  /**
   * The stops within {@link ConnectionAtRisk#MAX_TRANSFER_METERS} of {@code stop}, nearest first
   * (itself first), at most {@link #NEAR_LIMIT}; found once per stop.
   */
  public List<TransitStop> transfersAt(TransitStop stop) {
    return transfers.computeIfAbsent(
        stop.stopId(),
        id ->
            stopFinder
                .nearest(
                    stop.latitude(),
                    stop.longitude(),
                    NEAR_LIMIT,
                    ConnectionAtRisk.MAX_TRANSFER_METERS)
                .stream()
                .map(near -> stops.get(near.stop().id()))
                .toList());
  }

  /**
   * The stop of the trip {@code update} names: by its stop_sequence where given, else the first
   * visit of {@code stopId}; null when the trip has no such stop (or is unknown).
   */
  public StopTime stopOfTrip(StopTimeUpdate update, String stopId) {
    for (StopTime stopTime : timetable.stopsOf(update.tripId())) {
      if (update.stopSequence() != null
          ? stopTime.stopSequence() == update.stopSequence()
          : stopTime.stopId().equals(stopId)) {
        return stopTime;
      }
    }
    return null;
  }

  /**
   * The stations and free-floating vehicles within walking distance of {@code stop} and of each of
   * {@code following}, as spots with their availability at {@code now}: around each stop in turn,
   * the stations nearest first, then each fleet's vehicles nearest first, each spot once. A station
   * is used with its report as of {@code now}, a fleet with its snapshot as of {@code now}; one
   * older than the settings' maximum age is not used. A station not renting has no vehicle to take,
   * one not returning no dock.
   *
   * @param stationReports each station's reports, oldest first
   * @param fleets each free-floating feed's snapshots, oldest first
   */
  public List<VehicleSpot> spotsNear(
      TransitStop stop,
      List<StopTime> following,
      Instant now,
      StationReports stationReports,
      Collection<List<FreeVehicles>> fleets)
      throws Exception {
    List<TransitStop> around = new ArrayList<>();
    around.add(stop);
    following.forEach(
        stopTime -> {
          TransitStop later = stops.get(stopTime.stopId());
          if (later != null) {
            around.add(later);
          }
        });
    Instant oldest = now.minus(reportMaxAge);
    List<IndexedVehicles> inForce = new ArrayList<>();
    for (List<FreeVehicles> snapshots : fleets) {
      FreeVehicles snapshot = asOf(snapshots, now, FreeVehicles::observedAt);
      if (snapshot != null && !snapshot.observedAt().isBefore(oldest)) {
        inForce.add(indexed(snapshot));
      }
    }
    Map<String, VehicleSpot> spots = new LinkedHashMap<>();
    for (TransitStop place : around) {
      for (NearbyStop near :
          stationFinder.nearest(place.latitude(), place.longitude(), NEAR_LIMIT, radiusMeters)) {
        String id = near.stop().id();
        if (spots.containsKey(id)) {
          continue;
        }
        StationStatus status = asOf(stationReports.of(id), now, StationStatus::observedAt);
        if (status == null || status.observedAt().isBefore(oldest)) {
          continue;
        }
        StationInformation station = stations.get(id);
        spots.put(
            id,
            new VehicleSpot(
                id,
                station.latitude(),
                station.longitude(),
                status.renting() ? status.vehiclesAvailable() : 0,
                status.returning() && status.docksAvailable() != null
                    ? status.docksAvailable()
                    : 0));
      }
      for (IndexedVehicles fleet : inForce) {
        for (NearbyStop near :
            fleet.finder().nearest(place.latitude(), place.longitude(), NEAR_LIMIT, radiusMeters)) {
          FreeFloatingVehicle vehicle = fleet.byId().get(near.stop().id());
          spots.putIfAbsent(
              vehicle.vehicleId(),
              new VehicleSpot(
                  vehicle.vehicleId(), vehicle.latitude(), vehicle.longitude(), 1, null));
        }
      }
    }
    return List.copyOf(spots.values());
  }

  /**
   * The latest of {@code reports} (in event-time order) observed at or before {@code time}, or null
   * when there is none.
   */
  static <T> T asOf(List<T> reports, Instant time, Function<T, Instant> timeOf) {
    T latest = null;
    if (reports != null) {
      for (T report : reports) {
        if (timeOf.apply(report).isAfter(time)) {
          break;
        }
        latest = report;
      }
    }
    return latest;
  }

  /** A snapshot's vehicles with a nearest-neighbour index. */
  private record IndexedVehicles(
      FreeVehicles snapshot, GridStopFinder finder, Map<String, FreeFloatingVehicle> byId) {}

  /** The index of {@code snapshot}: the one its feed last used when it is the same snapshot. */
  private IndexedVehicles indexed(FreeVehicles snapshot) {
    IndexedVehicles held = fleetIndexes.get(snapshot.feedId());
    if (held != null && held.snapshot().observedAt().equals(snapshot.observedAt())) {
      return held;
    }
    Map<String, FreeFloatingVehicle> byId = new HashMap<>();
    snapshot.vehicles().forEach(v -> byId.put(v.vehicleId(), v));
    IndexedVehicles built =
        new IndexedVehicles(
            snapshot,
            new GridStopFinder(
                snapshot.vehicles().stream()
                    .map(v -> new StopLocation(v.vehicleId(), v.latitude(), v.longitude()))
                    .toList()),
            byId);
    fleetIndexes.put(snapshot.feedId(), built);
    return built;
  }
}
