package io.mobiflow.connectors.gtfs;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.RejectionTally;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.geodata.util.DoubleList;
import io.mobiflow.geodata.util.IntList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onebusaway.gtfs.impl.GenericDaoImpl;
import org.onebusaway.gtfs.model.Agency;
import org.onebusaway.gtfs.model.Frequency;
import org.onebusaway.gtfs.model.Route;
import org.onebusaway.gtfs.model.ServiceCalendar;
import org.onebusaway.gtfs.model.ServiceCalendarDate;
import org.onebusaway.gtfs.model.ShapePoint;
import org.onebusaway.gtfs.model.Stop;
import org.onebusaway.gtfs.model.StopTime;
import org.onebusaway.gtfs.model.Transfer;
import org.onebusaway.gtfs.model.Trip;
import org.onebusaway.gtfs.model.calendar.ServiceDate;
import org.onebusaway.gtfs.serialization.GtfsReader;

/**
 * Loads a GTFS zip or directory into a {@link CompactTimetable}, streaming onebusaway-gtfs's
 * entities: agencies, stops, routes, trips and calendars are kept while reading, while each shape
 * point, frequency and transfer goes straight into primitive columns and is never stored as an
 * object. stop_times.txt, nearly all of a large feed, is read by {@link StopTimesReader} straight
 * into those columns; its rows naming unknown trips or stops, or with bad times, become {@link
 * CompactTimetable#problems()} with their line (counted per reason, the first {@link
 * RejectionTally#DEFAULT_EXAMPLES_PER_REASON} of each reason kept). Afterwards the columns are
 * grouped by trip (a counting sort, then stop_sequence within each trip) and indexed per stop by
 * departure.
 */
public final class CompactTimetableLoader {

  private CompactTimetableLoader() {}

  /**
   * Loads the feed at {@code gtfs} (zip file or directory). Each file is read within limits (see
   * {@link GtfsInput.Limits#DEFAULT}): 2 GiB per file, inflated at most 100 times from a zip, lines
   * of onebusaway's files up to 1 MiB; stop_times rows up to 64 KiB ({@link StopTimesReader}).
   *
   * @throws IOException if it cannot be read, has no agency, or a file is over a limit (the message
   *     names the file, the limit and what was found)
   */
  public static CompactTimetable load(Path gtfs) throws IOException {
    return load(gtfs, GtfsInput.Limits.DEFAULT);
  }

  /** {@link #load(Path)} within these limits. */
  static CompactTimetable load(Path gtfs, GtfsInput.Limits limits) throws IOException {
    Columns columns = new Columns();
    try (GtfsInput input = GtfsInput.open(gtfs, limits)) {
      readEntities(gtfs, input, columns);
      if (columns.timeZone == null) {
        throw new IOException("GTFS feed " + gtfs + " has no agency");
      }
      String feed = gtfs.getFileName().toString();
      try (InputStream in = input.stopTimes()) {
        new StopTimesReader(in, columns.tripIndex, columns.stopIndex)
            .read(columns.stopTimesSink(SourceRef.file(feed, "stop_times.txt")));
      } catch (GtfsInput.LimitExceeded e) {
        throw e;
      } catch (IOException e) {
        throw new IOException("GTFS feed " + gtfs + ": " + e.getMessage(), e);
      }
    }
    columns.finish();
    return new CompactTimetable(columns);
  }

  /** Every file but stop_times.txt, through onebusaway's reader into the columns. */
  private static void readEntities(Path gtfs, GtfsInput input, Columns columns) throws IOException {
    GtfsReader reader = new GtfsReader();
    reader.setInputSource(input);
    reader.setEntityStore(new StreamingStore(columns));
    List<Class<?>> classes = new ArrayList<>(reader.getEntityClasses());
    classes.remove(StopTime.class);
    reader.setEntityClasses(classes);
    try {
      reader.run();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof GtfsInput.LimitExceeded limit) {
          throw limit; // onebusaway wraps it; its own message says it all
        }
      }
      throw new IOException("cannot read GTFS feed " + gtfs + ": " + e.getMessage(), e);
    }
  }

  /**
   * The entity store given to onebusaway's reader: keeps what stop_times refer to, streams the rest
   * into the columns.
   */
  private static final class StreamingStore extends GenericDaoImpl {
    private final Columns columns;

    StreamingStore(Columns columns) {
      this.columns = columns;
    }

    @Override
    public void saveEntity(Object entity) {
      if (entity instanceof ShapePoint point) {
        columns.shapePoint(point);
        return;
      }
      if (entity instanceof Frequency frequency) {
        columns.frequency(frequency);
        return;
      }
      if (entity instanceof Transfer transfer) {
        columns.transfer(transfer);
        return;
      }
      super.saveEntity(entity);
      if (entity instanceof Agency agency) {
        columns.agency(agency);
      } else if (entity instanceof Stop stop) {
        columns.stop(stop);
      } else if (entity instanceof Route route) {
        columns.route(route);
      } else if (entity instanceof Trip trip) {
        columns.trip(trip);
      } else if (entity instanceof ServiceCalendar calendar) {
        columns.calendars.add(calendar);
      } else if (entity instanceof ServiceCalendarDate date) {
        columns.calendarDates.add(date);
      }
    }
  }

  /** The columns being filled while reading, then the finished arrays. Not thread-safe. */
  static final class Columns {
    ZoneId timeZone;
    // stops
    final List<String> stopIdList = new ArrayList<>();
    final List<String> stopNameList = new ArrayList<>();
    final DoubleList stopLatList = new DoubleList();
    final DoubleList stopLonList = new DoubleList();
    final List<String> stopParentIds = new ArrayList<>();
    final BitSet stations = new BitSet();
    final Map<String, Integer> stopIndex = new HashMap<>();
    // routes
    final List<String> routeIdList = new ArrayList<>();
    final List<String> routeShortNameList = new ArrayList<>();
    final IntList routeTypeList = new IntList();
    final Map<String, Integer> routeIndex = new HashMap<>();
    // trips
    final List<String> tripIdList = new ArrayList<>();
    final List<String> tripBlockList = new ArrayList<>();
    final IntList tripRouteList = new IntList();
    final IntList tripServiceList = new IntList();
    final IntList tripShapeList = new IntList();
    final Map<String, Integer> tripIndex = new HashMap<>();
    final Map<String, Integer> serviceIndex = new LinkedHashMap<>();
    final Map<String, Integer> shapeIndex = new LinkedHashMap<>();
    // stop_times as read
    final IntList readTrip = new IntList();
    final IntList readStop = new IntList();
    final IntList readSequence = new IntList();
    final IntList readArrival = new IntList();
    final IntList readDeparture = new IntList();
    final RejectionTally problems = new RejectionTally();
    // shapes as read
    final IntList readShape = new IntList();
    final IntList readShapeSequence = new IntList();
    final DoubleList readShapeLat = new DoubleList();
    final DoubleList readShapeLon = new DoubleList();
    // frequencies and transfers as read
    final IntList readFrequencyTrip = new IntList();
    final IntList readFrequencyStart = new IntList();
    final IntList readFrequencyEnd = new IntList();
    final IntList readFrequencyHeadway = new IntList();
    final IntList readTransferFrom = new IntList();
    final IntList readTransferTo = new IntList();
    final IntList readTransferType = new IntList();
    final IntList readTransferMin = new IntList();
    final List<ServiceCalendar> calendars = new ArrayList<>();
    final List<ServiceCalendarDate> calendarDates = new ArrayList<>();

    // finished
    String[] stopIds;
    String[] stopNames;
    double[] stopLat;
    double[] stopLon;
    int[] stopParent;
    boolean[] stopIsStation;
    String[] routeIds;
    String[] routeShortNames;
    int[] routeTypes;
    String[] tripIds;
    String[] tripBlocks;
    int[] tripRoute;
    int[] tripService;
    int[] tripShape;
    int[] tripFirstRow;
    int[] rowStop;
    int[] rowSequence;
    int[] rowArrival;
    int[] rowDeparture;
    int[] stopFirstEntry;
    int[] stopRows;
    String[] serviceIds;
    LocalDate firstServiceDate;
    BitSet[] serviceDays;
    int[] tripFirstFrequency;
    int[] frequencyStart;
    int[] frequencyEnd;
    int[] frequencyHeadway;
    int[] transferFrom;
    int[] transferTo;
    int[] transferType;
    int[] transferMinSeconds;
    String[] shapeIds;
    int[] shapeFirstPoint;
    double[] shapeLat;
    double[] shapeLon;

    void agency(Agency agency) {
      if (timeZone == null) {
        timeZone = ZoneId.of(agency.getTimezone());
      }
    }

    void stop(Stop stop) {
      String id = stop.getId().getId();
      stopIndex.put(id, stopIdList.size());
      stopIdList.add(id);
      stopNameList.add(stop.getName() == null ? id : stop.getName());
      stopLatList.add(stop.getLat());
      stopLonList.add(stop.getLon());
      String parent = stop.getParentStation();
      stopParentIds.add(parent == null || parent.isBlank() ? null : parent);
      if (stop.getLocationType() == Stop.LOCATION_TYPE_STATION) {
        stations.set(stopIdList.size() - 1);
      }
    }

    void route(Route route) {
      String id = route.getId().getId();
      routeIndex.put(id, routeIdList.size());
      routeIdList.add(id);
      routeShortNameList.add(route.getShortName() == null ? id : route.getShortName());
      routeTypeList.add(route.getType());
    }

    void trip(Trip trip) {
      String id = trip.getId().getId();
      tripIndex.put(id, tripIdList.size());
      tripIdList.add(id);
      tripBlockList.add(
          trip.getBlockId() == null || trip.getBlockId().isBlank() ? null : trip.getBlockId());
      tripRouteList.add(routeIndex.get(trip.getRoute().getId().getId()));
      tripServiceList.add(indexOf(serviceIndex, trip.getServiceId().getId()));
      tripShapeList.add(
          trip.getShapeId() == null ? -1 : indexOf(shapeIndex, trip.getShapeId().getId()));
    }

    StopTimesReader.RowSink stopTimesSink(SourceRef file) {
      return new StopTimesReader.RowSink() {
        @Override
        public void row(int trip, int stop, int sequence, int arrival, int departure) {
          readTrip.add(trip);
          readStop.add(stop);
          readSequence.add(sequence);
          readArrival.add(arrival);
          readDeparture.add(departure);
        }

        @Override
        public void reject(long line, RejectReason reason, String detail) {
          problems.add(new Rejection(reason, file.atLine(line), detail));
        }
      };
    }

    void shapePoint(ShapePoint point) {
      readShape.add(indexOf(shapeIndex, point.getShapeId().getId()));
      readShapeSequence.add(point.getSequence());
      readShapeLat.add(point.getLat());
      readShapeLon.add(point.getLon());
    }

    void frequency(Frequency frequency) {
      readFrequencyTrip.add(tripIndex.get(frequency.getTrip().getId().getId()));
      readFrequencyStart.add(frequency.getStartTime());
      readFrequencyEnd.add(frequency.getEndTime());
      readFrequencyHeadway.add(frequency.getHeadwaySecs());
    }

    void transfer(Transfer transfer) {
      if (transfer.getFromStop() == null || transfer.getToStop() == null) {
        return; // route- or trip-to-trip transfers without stops are not indexed
      }
      readTransferFrom.add(stopIndex.get(transfer.getFromStop().getId().getId()));
      readTransferTo.add(stopIndex.get(transfer.getToStop().getId().getId()));
      readTransferType.add(transfer.getTransferType());
      readTransferMin.add(transfer.isMinTransferTimeSet() ? transfer.getMinTransferTime() : -1);
    }

    private static int indexOf(Map<String, Integer> index, String id) {
      return index.computeIfAbsent(id, k -> index.size());
    }

    /** Turns what was read into the finished arrays. */
    void finish() {
      stopIds = stopIdList.toArray(String[]::new);
      stopNames = stopNameList.toArray(String[]::new);
      stopLat = stopLatList.toArray();
      stopLon = stopLonList.toArray();
      stopParent = new int[stopIds.length];
      stopIsStation = new boolean[stopIds.length];
      for (int s = 0; s < stopIds.length; s++) {
        Integer parent = stopParentIds.get(s) == null ? null : stopIndex.get(stopParentIds.get(s));
        stopParent[s] = parent == null ? -1 : parent;
        stopIsStation[s] = stations.get(s);
      }
      routeIds = routeIdList.toArray(String[]::new);
      routeShortNames = routeShortNameList.toArray(String[]::new);
      routeTypes = routeTypeList.toArray();
      tripIds = tripIdList.toArray(String[]::new);
      tripBlocks = tripBlockList.toArray(String[]::new);
      tripRoute = tripRouteList.toArray();
      tripService = tripServiceList.toArray();
      tripShape = tripShapeList.toArray();
      groupStopTimesByTrip();
      indexStopTimesByStop();
      resolveServices();
      groupFrequencies();
      transferFrom = readTransferFrom.toArray();
      transferTo = readTransferTo.toArray();
      transferType = readTransferType.toArray();
      transferMinSeconds = readTransferMin.toArray();
      groupShapes();
    }

    private void groupStopTimesByTrip() {
      int[] trip = readTrip.toArray();
      int[] sequence = readSequence.toArray();
      int n = trip.length;
      tripFirstRow = new int[tripIds.length + 1];
      int[] order = countingSort(trip, tripIds.length, tripFirstRow);
      // within each trip, order by stop_sequence (rows of a trip are few: insertion sort)
      for (int t = 0; t < tripIds.length; t++) {
        for (int i = tripFirstRow[t] + 1; i < tripFirstRow[t + 1]; i++) {
          int row = order[i];
          int j = i - 1;
          while (j >= tripFirstRow[t] && sequence[order[j]] > sequence[row]) {
            order[j + 1] = order[j];
            j--;
          }
          order[j + 1] = row;
        }
      }
      rowSequence = permute(sequence, order);
      rowStop = permute(readStop.toArray(), order);
      rowArrival = permute(readArrival.toArray(), order);
      rowDeparture = permute(readDeparture.toArray(), order);
      if (n != rowStop.length) {
        throw new IllegalStateException("stop_time columns differ in length");
      }
    }

    private void indexStopTimesByStop() {
      stopFirstEntry = new int[stopIds.length + 1];
      stopRows = countingSort(rowStop, stopIds.length, stopFirstEntry);
      long[] keys = new long[0];
      for (int s = 0; s < stopIds.length; s++) {
        int from = stopFirstEntry[s];
        int count = stopFirstEntry[s + 1] - from;
        if (keys.length < count) {
          keys = new long[Math.max(count, keys.length * 2)];
        }
        for (int i = 0; i < count; i++) {
          int row = stopRows[from + i];
          keys[i] = ((long) rowDeparture[row] << 32) | row;
        }
        Arrays.sort(keys, 0, count);
        for (int i = 0; i < count; i++) {
          stopRows[from + i] = (int) keys[i];
        }
      }
    }

    private void resolveServices() {
      serviceIds = serviceIndex.keySet().toArray(String[]::new);
      LocalDate first = null;
      for (ServiceCalendar calendar : calendars) {
        first = earlier(first, date(calendar.getStartDate()));
      }
      for (ServiceCalendarDate date : calendarDates) {
        first = earlier(first, date(date.getDate()));
      }
      firstServiceDate = first == null ? LocalDate.EPOCH : first;
      serviceDays = new BitSet[serviceIds.length];
      for (int s = 0; s < serviceIds.length; s++) {
        serviceDays[s] = new BitSet();
      }
      for (ServiceCalendar calendar : calendars) {
        Integer service = serviceIndex.get(calendar.getServiceId().getId());
        if (service == null) {
          continue; // a service no trip uses
        }
        boolean[] weekdays = {
          calendar.getMonday() == 1,
          calendar.getTuesday() == 1,
          calendar.getWednesday() == 1,
          calendar.getThursday() == 1,
          calendar.getFriday() == 1,
          calendar.getSaturday() == 1,
          calendar.getSunday() == 1
        };
        LocalDate end = date(calendar.getEndDate());
        for (LocalDate d = date(calendar.getStartDate()); !d.isAfter(end); d = d.plusDays(1)) {
          if (weekdays[d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]) {
            serviceDays[service].set(day(d));
          }
        }
      }
      for (ServiceCalendarDate exception : calendarDates) {
        Integer service = serviceIndex.get(exception.getServiceId().getId());
        if (service != null) {
          serviceDays[service].set(
              day(date(exception.getDate())),
              exception.getExceptionType() == ServiceCalendarDate.EXCEPTION_TYPE_ADD);
        }
      }
    }

    private void groupFrequencies() {
      int[] trip = readFrequencyTrip.toArray();
      tripFirstFrequency = new int[tripIds.length + 1];
      int[] order = countingSort(trip, tripIds.length, tripFirstFrequency);
      frequencyStart = permute(readFrequencyStart.toArray(), order);
      frequencyEnd = permute(readFrequencyEnd.toArray(), order);
      frequencyHeadway = permute(readFrequencyHeadway.toArray(), order);
    }

    private void groupShapes() {
      shapeIds = shapeIndex.keySet().toArray(String[]::new);
      int[] shape = readShape.toArray();
      int[] sequence = readShapeSequence.toArray();
      shapeFirstPoint = new int[shapeIds.length + 1];
      int[] order = countingSort(shape, shapeIds.length, shapeFirstPoint);
      for (int p = 0; p < shapeIds.length; p++) {
        int from = shapeFirstPoint[p];
        int count = shapeFirstPoint[p + 1] - from;
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
          keys[i] = ((long) sequence[order[from + i]] << 32) | order[from + i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < count; i++) {
          order[from + i] = (int) keys[i];
        }
      }
      double[] lat = readShapeLat.toArray();
      double[] lon = readShapeLon.toArray();
      shapeLat = new double[order.length];
      shapeLon = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        shapeLat[i] = lat[order[i]];
        shapeLon[i] = lon[order[i]];
      }
    }

    private int day(LocalDate date) {
      return Math.toIntExact(date.toEpochDay() - firstServiceDate.toEpochDay());
    }

    private static LocalDate date(ServiceDate date) {
      return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
      return a == null || b.isBefore(a) ? b : a;
    }

    /**
     * A stable counting sort of positions by {@code key} in [0, buckets): returns the positions in
     * order and fills {@code first} (length buckets + 1) with each bucket's first index.
     */
    private static int[] countingSort(int[] key, int buckets, int[] first) {
      for (int k : key) {
        first[k + 1]++;
      }
      for (int b = 0; b < buckets; b++) {
        first[b + 1] += first[b];
      }
      int[] next = Arrays.copyOf(first, buckets);
      int[] order = new int[key.length];
      for (int i = 0; i < key.length; i++) {
        order[next[key[i]]++] = i;
      }
      return order;
    }

    private static int[] permute(int[] values, int[] order) {
      int[] out = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        out[i] = values[order[i]];
      }
      return out;
    }
  }
}
