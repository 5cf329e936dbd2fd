package io.mobiflow.connectors.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.feeds.FeedFamily;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.gbfs.decode.GbfsKinds;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Detects what a feed file or folder is and reports on it: a GTFS zip or folder, a GTFS-Realtime
 * protobuf, a GBFS JSON file or folder (every GBFS file in it), a counter CSV (generic, Paris
 * archive or portal export), a DATEX II XML; {@code .gz} files are read through. Decoding goes
 * through the same decoders as the jobs, behind {@link FeedDecoder#DEFAULT_MAX_BYTES}.
 */
public final class FeedInspector {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FEED = "inspect";

  private FeedInspector() {}

  /**
   * Reports on {@code path}: one report for a file or a GTFS folder, one per file for a GBFS
   * folder.
   *
   * @throws IOException if the path cannot be read or is no feed Mobiflow knows
   */
  public static List<FeedReport> inspect(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " does not exist");
    }
    if (Files.isDirectory(path)) {
      if (Files.exists(path.resolve("stops.txt")) || Files.exists(path.resolve("stop_times.txt"))) {
        return List.of(gtfs(path));
      }
      List<Path> files;
      try (Stream<Path> listing = Files.list(path)) {
        files =
            listing
                .filter(p -> p.getFileName().toString().matches(".*\\.json(\\.gz)?"))
                .sorted()
                .toList();
      }
      if (files.isEmpty()) {
        throw new IOException(path + " is neither a GTFS folder nor a folder of GBFS files");
      }
      List<FeedReport> reports = new ArrayList<>();
      for (Path file : files) {
        reports.add(file(file));
      }
      return reports;
    }
    return List.of(file(path));
  }

  private static FeedReport file(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".zip")) {
      return gtfs(file);
    }
    if (Files.size(file) > FeedDecoder.DEFAULT_MAX_BYTES && !name.endsWith(".gz")) {
      return new ReportBuilder(file.toString(), "unread")
          .reject(
              new Rejection(
                  RejectReason.TOO_LARGE,
                  source(file),
                  Files.size(file) + " bytes, over the limit of " + FeedDecoder.DEFAULT_MAX_BYTES))
          .build();
    }
    byte[] bytes = read(file);
    FeedFamily family = FeedFormats.familyOf(bytes);
    if (family == FeedFamily.GBFS) {
      return gbfs(file, bytes);
    }
    if (family == FeedFamily.GTFS_RT) {
      return gtfsRt(file, bytes, FeedFormats.feedMessage(bytes));
    }
    if (family == FeedFamily.COUNTER) {
      FeedKind kind = FeedFormats.detect(bytes);
      String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
      return switch (kind) {
        case COUNTER_DATEX2 ->
            counters(
                file,
                bytes,
                kind,
                "DATEX II MeasuredDataPublication",
                head.contains("schema/3") ? "3" : "2");
        case COUNTER_PARIS_ARCHIVE ->
            counters(file, bytes, kind, "Paris counters, yearly archive CSV", null);
        case COUNTER_PARIS_PORTAL ->
            counters(file, bytes, kind, "Paris counters, open-data portal CSV", null);
        default -> counters(file, bytes, kind, "Mobiflow counter CSV", null);
      };
    }
    if (FeedFormats.firstSignificantByte(bytes) == '<') {
      throw new IOException(file + " is XML but not a DATEX II MeasuredDataPublication");
    }
    throw new IOException(
        file + " is not a feed Mobiflow knows (GTFS, GTFS-Realtime, GBFS, counter CSV, DATEX II)");
  }

  private static FeedReport gtfs(Path path) throws IOException {
    CompactTimetable timetable = CompactTimetableLoader.load(path);
    ReportBuilder report = new ReportBuilder(path.toString(), "GTFS");
    report
        .count("stops", timetable.stops().stream().filter(s -> !s.station()).count())
        .count("stations", timetable.stops().stream().filter(s -> s.station()).count())
        .count("routes", timetable.routeCount())
        .count("trips", timetable.tripCount())
        .count("stop_times", timetable.stopTimeCount())
        .count("services", timetable.serviceCount())
        .count("frequencies", timetable.frequencyCount())
        .count("transfers", timetable.transferCount())
        .count("shapes", timetable.shapeCount())
        .count("shape_points", timetable.shapePointCount());
    LocalDate[] span = timetable.serviceSpan();
    if (span != null) {
      report.span(span[0].toString(), span[1].toString());
    }
    report.rejected(timetable.problemCounts(), timetable.problems());
    return report.build();
  }

  private static FeedReport gtfsRt(Path file, byte[] bytes, FeedMessage message) {
    ReportBuilder report =
        new ReportBuilder(file.toString(), "GTFS-Realtime")
            .version(
                message.getHeader().getGtfsRealtimeVersion()
                    + " "
                    + message.getHeader().getIncrementality());
    EpochTime headerTime =
        EpochTime.ofSeconds("header timestamp", message.getHeader().getTimestamp());
    if (message.getHeader().hasTimestamp() && headerTime.isValid()) {
      report.time(headerTime.instant());
    }
    report.count("entities", message.getEntityCount());
    long tripUpdates = 0;
    long deleted = 0;
    for (FeedEntity entity : message.getEntityList()) {
      tripUpdates += entity.hasTripUpdate() ? 1 : 0;
      deleted += entity.getIsDeleted() ? 1 : 0;
    }
    report.count("trip_updates", tripUpdates);
    FeedSnapshot snapshot = snapshot(file, FeedKind.GTFS_RT_TRIP_UPDATES, bytes);
    report.decoded(
        "stop_time_updates",
        ofItsKind(FeedFormats.GTFS_RT_TRIP_UPDATES.decoder().decode(snapshot)));
    List<VehiclePosition> positions =
        report.decoded(
            "vehicle_positions",
            ofItsKind(FeedFormats.GTFS_RT_VEHICLE_POSITIONS.decoder().decode(snapshot)));
    positions.forEach(p -> report.time(p.observedAt()));
    report.decoded("alerts", ofItsKind(FeedFormats.GTFS_RT_ALERTS.decoder().decode(snapshot)));
    report.count("deleted", deleted);
    return report.build();
  }

  /** A decoder's results without its WRONG_KIND rejections: the other decoders read those. */
  private static <T> List<Decoded<T>> ofItsKind(List<Decoded<T>> decoded) {
    return decoded.stream().filter(d -> d.reason() != RejectReason.WRONG_KIND).toList();
  }

  private static FeedReport gbfs(Path file, byte[] bytes) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage().split("\n")[0]);
    }
    JsonNode data = root.path("data");
    if (!data.isObject()) {
      throw new IOException(file + " is JSON but not a GBFS document (no data object)");
    }
    GbfsEnvelope envelope = GbfsEnvelope.read(bytes);
    FeedKind kind = GbfsKinds.detect(root);
    if (kind == null && data.has("plans")) {
      ReportBuilder report = start(file, "system_pricing_plans (listed, not decoded)", envelope);
      return report.count("plans", data.get("plans").size()).build();
    }
    if (kind == null) {
      throw new IOException(file + " is JSON but no GBFS file Mobiflow reads");
    }
    FeedSnapshot snapshot = snapshot(file, kind, bytes);
    ReportBuilder report;
    switch (kind) {
      case GBFS_DISCOVERY -> {
        report = start(file, "gbfs (discovery)", envelope);
        report.decoded("feeds", FeedFormats.GBFS_DISCOVERY.decoder().decode(snapshot));
      }
      case GBFS_STATION_INFORMATION -> {
        report = start(file, "station_information", envelope);
        report.decoded("stations", FeedFormats.GBFS_STATION_INFORMATION.decoder().decode(snapshot));
      }
      case GBFS_STATION_STATUS -> {
        report = start(file, "station_status", envelope);
        List<StationStatus> statuses =
            report.decoded("stations", FeedFormats.GBFS_STATION_STATUS.decoder().decode(snapshot));
        report.count(
            "vehicles_available",
            statuses.stream().mapToLong(StationStatus::vehiclesAvailable).sum());
        statuses.forEach(s -> report.time(s.reportedAt()));
      }
      case GBFS_FREE_VEHICLES -> {
        report = start(file, data.has("bikes") ? "free_bike_status" : "vehicle_status", envelope);
        List<FreeFloatingVehicle> vehicles =
            report.decoded("vehicles", FeedFormats.GBFS_FREE_VEHICLES.decoder().decode(snapshot));
        vehicles.forEach(v -> report.time(v.observedAt()));
      }
      case GBFS_VEHICLE_TYPES -> {
        report = start(file, "vehicle_types", envelope);
        report.decoded("vehicle_types", FeedFormats.GBFS_VEHICLE_TYPES.decoder().decode(snapshot));
      }
      case GBFS_GEOFENCING_ZONES -> {
        report = start(file, "geofencing_zones", envelope);
        report.decoded("zones", FeedFormats.GBFS_GEOFENCING_ZONES.decoder().decode(snapshot));
      }
      default -> {
        report = start(file, "system_information", envelope);
        report.decoded("systems", FeedFormats.GBFS_SYSTEM_INFORMATION.decoder().decode(snapshot));
      }
    }
    return report.build();
  }

  private static ReportBuilder start(Path file, String feed, GbfsEnvelope envelope) {
    ReportBuilder report = new ReportBuilder(file.toString(), "GBFS " + feed);
    report.version(envelope.version() == null ? "not stated" : envelope.version());
    report.time(envelope.lastUpdated());
    if (envelope.ttlSeconds() != null) {
      report.count("ttl_seconds", envelope.ttlSeconds());
    }
    return report;
  }

  private static FeedReport counters(
      Path file, byte[] bytes, FeedKind kind, String format, String version) {
    FeedDecoder<CounterReading> decoder = FeedFormats.of(kind, CounterReading.class).decoder();
    ReportBuilder report = new ReportBuilder(file.toString(), format).version(version);
    FeedSnapshot snapshot = snapshot(file, kind, bytes);
    var decoded = decoder.limitedTo(FeedDecoder.DEFAULT_MAX_BYTES).decode(snapshot);
    if (kind != FeedKind.COUNTER_DATEX2) {
      report.count("rows", decoded.stream().filter(d -> d.source().line() > 1).count());
    } else {
      report.count(
          "site_measurements", decoded.stream().map(d -> d.source().line()).distinct().count());
    }
    List<CounterReading> readings = report.decoded("readings", decoded);
    report
        .count(
            "duplicates",
            decoded.stream().filter(d -> d.reason() == RejectReason.DUPLICATE).count())
        .count("empty_flow", readings.stream().filter(r -> r.flowVehH() == null).count())
        .count("empty_occupancy", readings.stream().filter(r -> r.occupancyPct() == null).count())
        .count(
            "no_measure",
            decoded.stream().filter(d -> d.reason() == RejectReason.MISSING_FIELD).count());
    if (kind == FeedKind.COUNTER_CSV || kind == FeedKind.COUNTER_DATEX2) {
      report.count("empty_speed", readings.stream().filter(r -> r.speedKmh() == null).count());
    }
    Set<String> sites = new HashSet<>();
    readings.forEach(
        r -> {
          sites.add(r.siteId());
          report.time(r.observedAt());
        });
    report.count("counting_sites", sites.size());
    if (kind == FeedKind.COUNTER_PARIS_PORTAL) {
      report.count(
          "sites_with_geometry",
          ParisPortalDecoder.sites(snapshot).stream()
              .filter(d -> d.isOk() && d.value().road() != null)
              .count());
    }
    return report.build();
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (!file.getFileName().toString().endsWith(".gz")) {
        return in.readAllBytes();
      }
      try (InputStream gz = new GZIPInputStream(in)) {
        return gz.readNBytes((int) FeedDecoder.DEFAULT_MAX_BYTES + 1);
      }
    }
  }

  private static SourceRef source(Path file) {
    return SourceRef.file(FEED, file.getFileName().toString());
  }

  private static FeedSnapshot snapshot(Path file, FeedKind kind, byte[] bytes) {
    return new FeedSnapshot(FEED, kind, Instant.EPOCH, source(file), bytes);
  }
}
