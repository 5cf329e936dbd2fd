package io.mobiflow.connectors.gtfs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.onebusaway.gtfs.impl.GtfsRelationalDaoImpl;
import org.onebusaway.gtfs.impl.calendar.CalendarServiceDataFactoryImpl;
import org.onebusaway.gtfs.impl.calendar.CalendarServiceImpl;
import org.onebusaway.gtfs.model.AgencyAndId;
import org.onebusaway.gtfs.model.Route;
import org.onebusaway.gtfs.model.Stop;
import org.onebusaway.gtfs.model.Trip;
import org.onebusaway.gtfs.model.calendar.ServiceDate;
import org.onebusaway.gtfs.serialization.GtfsReader;

/**
 * Reads a GTFS zip or directory with onebusaway-gtfs and resolves it for one service date.
 *
 * <p>This keeps onebusaway's in-memory store while loading, which suits city-sized feeds (the
 * Péribus feed loads in about a second); region-sized feeds get a streaming, compact loader.
 */
public final class TimetableLoader {

  private TimetableLoader() {}

  /**
   * Loads the feed at {@code gtfs} (zip file or directory) for {@code serviceDate}.
   *
   * @throws IOException if the feed cannot be read or has no agency
   */
  public static Timetable load(Path gtfs, LocalDate serviceDate) throws IOException {
    GtfsRelationalDaoImpl dao = new GtfsRelationalDaoImpl();
    GtfsReader reader = new GtfsReader();
    reader.setInputLocation(gtfs.toFile());
    reader.setEntityStore(dao);
    try {
      reader.run();
    } catch (RuntimeException e) {
      throw new IOException("cannot read GTFS feed " + gtfs + ": " + e.getMessage(), e);
    } finally {
      reader.close();
    }
    if (dao.getAllAgencies().isEmpty()) {
      throw new IOException("GTFS feed " + gtfs + " has no agency");
    }
    ZoneId timeZone = ZoneId.of(dao.getAllAgencies().iterator().next().getTimezone());

    List<TransitStop> stops = new ArrayList<>();
    for (Stop stop : dao.getAllStops()) {
      stops.add(
          new TransitStop(
              stop.getId().getId(),
              stop.getName() == null ? stop.getId().getId() : stop.getName(),
              stop.getLat(),
              stop.getLon(),
              stop.getLocationType() == Stop.LOCATION_TYPE_STATION,
              stop.getParentStation()));
    }
    stops.sort(Comparator.comparing(TransitStop::stopId));

    CalendarServiceImpl calendar =
        new CalendarServiceImpl(new CalendarServiceDataFactoryImpl(dao).createData());
    Set<AgencyAndId> services =
        calendar.getServiceIdsOnDate(
            new ServiceDate(
                serviceDate.getYear(), serviceDate.getMonthValue(), serviceDate.getDayOfMonth()));
    List<ScheduledTrip> trips = new ArrayList<>();
    for (Trip trip : dao.getAllTrips()) {
      if (!services.contains(trip.getServiceId())) {
        continue;
      }
      List<ScheduledTrip.StopTime> stopTimes = new ArrayList<>();
      for (org.onebusaway.gtfs.model.StopTime stopTime : dao.getStopTimesForTrip(trip)) {
        if (!stopTime.isArrivalTimeSet() && !stopTime.isDepartureTimeSet()) {
          continue; // untimed stop between timepoints: not simulated or scheduled here
        }
        int arrival =
            stopTime.isArrivalTimeSet() ? stopTime.getArrivalTime() : stopTime.getDepartureTime();
        int departure = stopTime.isDepartureTimeSet() ? stopTime.getDepartureTime() : arrival;
        stopTimes.add(
            new ScheduledTrip.StopTime(
                stopTime.getStop().getId().getId(),
                stopTime.getStopSequence(),
                arrival,
                departure));
      }
      if (stopTimes.size() >= 2) {
        Route route = trip.getRoute();
        trips.add(
            new ScheduledTrip(
                trip.getId().getId(),
                route.getId().getId(),
                route.getShortName() == null ? route.getId().getId() : route.getShortName(),
                trip.getBlockId(),
                stopTimes));
      }
    }
    trips.sort(
        Comparator.comparingInt(ScheduledTrip::firstDepartureSeconds)
            .thenComparing(ScheduledTrip::tripId));
    return new Timetable(timeZone, serviceDate, stops, trips);
  }
}
