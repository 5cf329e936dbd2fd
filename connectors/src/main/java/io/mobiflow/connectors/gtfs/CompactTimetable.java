package io.mobiflow.connectors.gtfs;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A whole static GTFS feed held in primitive arrays: one row of {@code int} columns per stop_time
 * (no object per stop_time), stop_times grouped by trip in stop_sequence order, and an index of
 * them per stop in departure order. Services are resolved to the dates they run (calendar and
 * calendar_dates); times are seconds from the service day's start and may pass 24:00. Immutable and
 * thread-safe once built by {@link CompactTimetableLoader}. Operators load it in {@code open()}
 * rather than receive it serialized.
 *
 * <p>Queries: {@link #departures} at a stop in a time range of a date (frequency-based trips
 * expanded, trips of the day before that run past midnight included), {@link #followingStops} of a
 * trip, and {@link #headways} per route and stop.
 */
public final class CompactTimetable {

  /** A stop_time without an arrival or departure (an untimed stop between timepoints). */
  public static final int NO_TIME = -1;

  private static final int DAY = 86_400;

  final ZoneId timeZone;
  // stops
  final String[] stopIds;
  final String[] stopNames;
  final double[] stopLat;
  final double[] stopLon;
  final int[] stopParent; // index of the parent station, or -1
  final boolean[] stopIsStation;
  final Map<String, Integer> stopIndex;
  // routes
  final String[] routeIds;
  final String[] routeShortNames;
  final int[] routeTypes;
  final Map<String, Integer> routeIndex;
  // trips
  final String[] tripIds;
  final int[] tripRoute;
  final int[] tripService;
  final int[] tripShape; // -1 when none
  final String[] tripBlocks; // block_id, or null
  final int[] tripFirstRow; // rows of trip t: tripFirstRow[t] .. tripFirstRow[t + 1] - 1
  final Map<String, Integer> tripIndex;
  // stop_times, one row each, grouped by trip, by stop_sequence
  final int[] rowStop;
  final int[] rowSequence;
  final int[] rowArrival;
  final int[] rowDeparture;
  // rows at each stop, by departure: stopFirstEntry[s] .. stopFirstEntry[s + 1] - 1 in stopRows
  final int[] stopFirstEntry;
  final int[] stopRows;
  // services
  final String[] serviceIds;
  final LocalDate firstServiceDate;
  final BitSet[] serviceDays; // bit d: runs on firstServiceDate + d
  // frequencies: entries of trip t are tripFirstFrequency[t] .. tripFirstFrequency[t + 1] - 1
  final int[] tripFirstFrequency;
  final int[] frequencyStart;
  final int[] frequencyEnd;
  final int[] frequencyHeadway;
  // transfers
  final int[] transferFrom;
  final int[] transferTo;
  final int[] transferType;
  final int[] transferMinSeconds; // -1 when not set
  // shapes: points of shape p are shapeFirstPoint[p] .. shapeFirstPoint[p + 1] - 1
  final String[] shapeIds;
  final int[] shapeFirstPoint;
  final double[] shapeLat;
  final double[] shapeLon;
  // rows the loader could not use: the first of each reason, and counts
  final List<Rejection> problems;
  final Map<RejectReason, Long> problemCounts;

  CompactTimetable(CompactTimetableLoader.Columns c) {
    timeZone = c.timeZone;
    stopIds = c.stopIds;
    stopNames = c.stopNames;
    stopLat = c.stopLat;
    stopLon = c.stopLon;
    stopParent = c.stopParent;
    stopIsStation = c.stopIsStation;
    stopIndex = c.stopIndex;
    routeIds = c.routeIds;
    routeShortNames = c.routeShortNames;
    routeTypes = c.routeTypes;
    routeIndex = c.routeIndex;
    tripIds = c.tripIds;
    tripRoute = c.tripRoute;
    tripService = c.tripService;
    tripShape = c.tripShape;
    tripBlocks = c.tripBlocks;
    tripFirstRow = c.tripFirstRow;
    tripIndex = c.tripIndex;
    rowStop = c.rowStop;
    rowSequence = c.rowSequence;
    rowArrival = c.rowArrival;
    rowDeparture = c.rowDeparture;
    stopFirstEntry = c.stopFirstEntry;
    stopRows = c.stopRows;
    serviceIds = c.serviceIds;
    firstServiceDate = c.firstServiceDate;
    serviceDays = c.serviceDays;
    tripFirstFrequency = c.tripFirstFrequency;
    frequencyStart = c.frequencyStart;
    frequencyEnd = c.frequencyEnd;
    frequencyHeadway = c.frequencyHeadway;
    transferFrom = c.transferFrom;
    transferTo = c.transferTo;
    transferType = c.transferType;
    transferMinSeconds = c.transferMinSeconds;
    shapeIds = c.shapeIds;
    shapeFirstPoint = c.shapeFirstPoint;
    shapeLat = c.shapeLat;
    shapeLon = c.shapeLon;
    problems = c.problems.examples();
    problemCounts = c.problems.counts();
  }

  /** The agency's time zone, in which times are written. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /**
   * The instant GTFS times of {@code serviceDate} count from, in epoch seconds: noon minus 12 h in
   * the agency's time zone (midnight, except on days the clocks change).
   */
  public long serviceDayStart(LocalDate serviceDate) {
    return serviceDate.atTime(12, 0).atZone(timeZone).toEpochSecond() - DAY / 2;
  }

  public int stopCount() {
    return stopIds.length;
  }

  public int routeCount() {
    return routeIds.length;
  }

  public int tripCount() {
    return tripIds.length;
  }

  public int stopTimeCount() {
    return rowStop.length;
  }

  public int frequencyCount() {
    return frequencyStart.length;
  }

  public int transferCount() {
    return transferFrom.length;
  }

  public int shapeCount() {
    return shapeIds.length;
  }

  public int shapePointCount() {
    return shapeLat.length;
  }

  public int serviceCount() {
    return serviceIds.length;
  }

  /**
   * The first stop_times rows the loader rejected (unknown trip or stop, bad values), with lines:
   * at most {@link io.mobiflow.connectors.common.RejectionTally#DEFAULT_EXAMPLES_PER_REASON} of
   * each reason; {@link #problemCounts()} counts them all.
   */
  public List<Rejection> problems() {
    return problems;
  }

  /** How many stop_times rows the loader rejected, per reason. */
  public Map<RejectReason, Long> problemCounts() {
    return problemCounts;
  }

  /** The stops (and stations), with their parent stations, in stops.txt order. */
  public List<TransitStop> stops() {
    List<TransitStop> stops = new ArrayList<>(stopIds.length);
    for (int s = 0; s < stopIds.length; s++) {
      stops.add(
          new TransitStop(
              stopIds[s],
              stopNames[s],
              stopLat[s],
              stopLon[s],
              stopIsStation[s],
              stopParent[s] < 0 ? null : stopIds[stopParent[s]]));
    }
    return stops;
  }

  /** The first and last dates on which some service runs, or {@code null} when none does. */
  public LocalDate[] serviceSpan() {
    int first = Integer.MAX_VALUE;
    int last = -1;
    for (BitSet days : serviceDays) {
      if (!days.isEmpty()) {
        first = Math.min(first, days.nextSetBit(0));
        last = Math.max(last, days.length() - 1);
      }
    }
    return last < 0
        ? null
        : new LocalDate[] {firstServiceDate.plusDays(first), firstServiceDate.plusDays(last)};
  }

  /** Whether trip {@code t}'s service runs on {@code date}. */
  boolean runsOn(int trip, LocalDate date) {
    long day = date.toEpochDay() - firstServiceDate.toEpochDay();
    return day >= 0 && day <= Integer.MAX_VALUE && serviceDays[tripService[trip]].get((int) day);
  }

  /**
   * One scheduled departure from a stop.
   *
   * @param tripId trip_id
   * @param routeId route_id
   * @param stopSequence the stop_sequence of the stop in the trip
   * @param serviceDate the service day the trip belongs to
   * @param departureSeconds seconds from the start of {@code serviceDate} (may pass 24:00)
   */
  public record Departure(
      String tripId, String routeId, int stopSequence, LocalDate serviceDate, int departureSeconds)
      implements Comparable<Departure> {

    /** The departure in seconds from the start of {@code date} (negative before it). */
    public long secondsFrom(LocalDate date) {
      return departureSeconds + (serviceDate.toEpochDay() - date.toEpochDay()) * DAY;
    }

    @Override
    public int compareTo(Departure other) {
      int byTime = Long.compare(secondsFrom(LocalDate.EPOCH), other.secondsFrom(LocalDate.EPOCH));
      return byTime != 0 ? byTime : tripId.compareTo(other.tripId);
    }
  }

  /**
   * Scheduled departures at {@code stopId} between {@code fromSeconds} and {@code toSeconds}
   * (inclusive) of {@code date}'s day, in time order: trips of that service date, and trips of the
   * day before still running after midnight. Frequency-based trips give one departure per headway.
   * Untimed stop_times and a trip's last stop (nothing departs) are left out.
   *
   * @return the departures; empty for an unknown stop
   */
  public List<Departure> departures(String stopId, LocalDate date, int fromSeconds, int toSeconds) {
    Integer stop = stopIndex.get(stopId);
    List<Departure> out = new ArrayList<>();
    if (stop == null) {
      return out;
    }
    for (int back = 0; back <= 1; back++) {
      LocalDate serviceDate = date.minusDays(back);
      int from = fromSeconds + back * DAY;
      int to = toSeconds + back * DAY;
      // entries are sorted by departure: timetabled trips need only the entries in [from, to]
      int end = stopFirstEntry[stop + 1];
      for (int e = firstEntryFrom(stop, from); e < end && rowDeparture[stopRows[e]] <= to; e++) {
        int row = stopRows[e];
        int trip = tripOfRow(row);
        int departure = rowDeparture[row];
        if (departure != NO_TIME
            && tripFirstFrequency[trip] == tripFirstFrequency[trip + 1]
            && row != tripFirstRow[trip + 1] - 1
            && runsOn(trip, serviceDate)) {
          out.add(departure(trip, row, serviceDate, departure));
        }
      }
      if (frequencyStart.length == 0) {
        continue;
      }
      // frequency-based trips: their rows hold the template's times, so all are looked at
      for (int e = stopFirstEntry[stop]; e < end; e++) {
        int row = stopRows[e];
        int trip = tripOfRow(row);
        if (tripFirstFrequency[trip] == tripFirstFrequency[trip + 1]
            || row == tripFirstRow[trip + 1] - 1
            || !runsOn(trip, serviceDate)) {
          continue;
        }
        int departure = rowDeparture[row];
        if (departure == NO_TIME) {
          continue;
        }
        int offset = departure - rowDeparture[tripFirstRow[trip]];
        for (int f = tripFirstFrequency[trip]; f < tripFirstFrequency[trip + 1]; f++) {
          for (int start = frequencyStart[f];
              start < frequencyEnd[f];
              start += frequencyHeadway[f]) {
            int time = start + offset;
            if (time >= from && time <= to) {
              out.add(departure(trip, row, serviceDate, time));
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The first entry of {@code stop} whose row departs at or after {@code seconds}. */
  private int firstEntryFrom(int stop, int seconds) {
    int lo = stopFirstEntry[stop];
    int hi = stopFirstEntry[stop + 1];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (rowDeparture[stopRows[mid]] < seconds) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private Departure departure(int trip, int row, LocalDate serviceDate, int seconds) {
    return new Departure(
        tripIds[trip], routeIds[tripRoute[trip]], rowSequence[row], serviceDate, seconds);
  }

  /** The route's short name as riders know it (route_short_name, else its id), or the id given. */
  public String routeShortName(String routeId) {
    Integer route = routeIndex.get(routeId);
    return route == null ? routeId : routeShortNames[route];
  }

  /** The route_id of {@code tripId}, or null for an unknown trip. */
  public String routeOf(String tripId) {
    Integer trip = tripIndex.get(tripId);
    return trip == null ? null : routeIds[tripRoute[trip]];
  }

  /** Every stop of {@code tripId} in order; empty for an unknown trip. */
  public List<ScheduledTrip.StopTime> stopsOf(String tripId) {
    return followingStops(tripId, Integer.MIN_VALUE);
  }

  /** Whether {@code tripId} is in the feed and its service runs on {@code date}. */
  public boolean runsOn(String tripId, LocalDate date) {
    Integer trip = tripIndex.get(tripId);
    return trip != null && runsOn(trip, date);
  }

  /**
   * The stops of {@code tripId} after the one with {@code stopSequence}, in order, with their
   * scheduled times ({@link #NO_TIME} where the feed leaves them out).
   *
   * @return the following stops; empty for an unknown trip or the last stop
   */
  public List<ScheduledTrip.StopTime> followingStops(String tripId, int stopSequence) {
    Integer trip = tripIndex.get(tripId);
    List<ScheduledTrip.StopTime> out = new ArrayList<>();
    if (trip == null) {
      return out;
    }
    for (int row = tripFirstRow[trip]; row < tripFirstRow[trip + 1]; row++) {
      if (rowSequence[row] > stopSequence) {
        out.add(
            new ScheduledTrip.StopTime(
                stopIds[rowStop[row]], rowSequence[row], rowArrival[row], rowDeparture[row]));
      }
    }
    return out;
  }

  /**
   * The scheduled departures of one route at one stop over a time range of a date, and the gaps
   * between them.
   *
   * @param routeId route_id
   * @param stopId stop_id
   * @param departureSeconds departure times in seconds from the start of the date, in order
   */
  public record Headways(String routeId, String stopId, int[] departureSeconds) {

    /** The gaps between consecutive departures, in seconds. */
    public int[] gaps() {
      int[] gaps = new int[Math.max(0, departureSeconds.length - 1)];
      for (int i = 0; i < gaps.length; i++) {
        gaps[i] = departureSeconds[i + 1] - departureSeconds[i];
      }
      return gaps;
    }

    /** The mean gap, or NaN with fewer than two departures. */
    public double meanSeconds() {
      return departureSeconds.length < 2
          ? Double.NaN
          : (departureSeconds[departureSeconds.length - 1] - departureSeconds[0])
              / (double) (departureSeconds.length - 1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Headways h
          && routeId.equals(h.routeId)
          && stopId.equals(h.stopId)
          && Arrays.equals(departureSeconds, h.departureSeconds);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * routeId.hashCode() + stopId.hashCode()) + Arrays.hashCode(departureSeconds);
    }

    @Override
    public String toString() {
      return "Headways[" + routeId + " at " + stopId + ": " + Arrays.toString(gaps()) + "]";
    }
  }

  /** Scheduled headways of {@code routeId} at {@code stopId} in a time range of {@code date}. */
  public Headways headways(
      String routeId, String stopId, LocalDate date, int fromSeconds, int toSeconds) {
    int[] times =
        departures(stopId, date, fromSeconds, toSeconds).stream()
            .filter(d -> d.routeId().equals(routeId))
            .mapToInt(d -> (int) d.secondsFrom(date))
            .toArray();
    return new Headways(routeId, stopId, times);
  }

  /**
   * The trips running on {@code date} with their timed stops, as the demo simulator and the
   * matchers take them: trips with fewer than two timed stops are left out, frequency-based trips
   * appear once, with their template times.
   */
  public Timetable forDate(LocalDate date) {
    List<ScheduledTrip> trips = new ArrayList<>();
    for (int t = 0; t < tripIds.length; t++) {
      if (!runsOn(t, date)) {
        continue;
      }
      List<ScheduledTrip.StopTime> stops = new ArrayList<>();
      for (int row = tripFirstRow[t]; row < tripFirstRow[t + 1]; row++) {
        if (rowArrival[row] != NO_TIME || rowDeparture[row] != NO_TIME) {
          int arrival = rowArrival[row] != NO_TIME ? rowArrival[row] : rowDeparture[row];
          int departure = rowDeparture[row] != NO_TIME ? rowDeparture[row] : arrival;
          stops.add(
              new ScheduledTrip.StopTime(
                  stopIds[rowStop[row]], rowSequence[row], arrival, departure));
        }
      }
      if (stops.size() >= 2) {
        int route = tripRoute[t];
        trips.add(
            new ScheduledTrip(
                tripIds[t], routeIds[route], routeShortNames[route], tripBlocks[t], stops));
      }
    }
    trips.sort(
        java.util.Comparator.comparingInt(ScheduledTrip::firstDepartureSeconds)
            .thenComparing(ScheduledTrip::tripId));
    List<TransitStop> stops = stops();
    stops.sort(java.util.Comparator.comparing(TransitStop::stopId));
    return new Timetable(timeZone, date, stops, trips);
  }

  /** The trip a stop_time row belongs to (binary search over the trips' first rows). */
  int tripOfRow(int row) {
    int found = Arrays.binarySearch(tripFirstRow, 0, tripIds.length, row);
    if (found >= 0) {
      while (found + 1 < tripIds.length && tripFirstRow[found + 1] == row) {
        found++; // skip trips without stop_times
      }
      return found;
    }
    return -found - 2;
  }
}
