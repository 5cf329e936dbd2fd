package io.mobiflow.connectors.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.decode.CounterKinds;
import io.mobiflow.connectors.counters.decode.Datex2Decoder;
import io.mobiflow.connectors.counters.decode.ParisArchiveDecoder;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.gbfs.decode.DiscoveryDecoder;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.GbfsKinds;
import io.mobiflow.connectors.gbfs.decode.GeofencingZoneDecoder;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.decode.SystemInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.VehicleTypeDecoder;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.GbfsFeedLink;
import io.mobiflow.connectors.gbfs.model.GeofencingZone;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gbfs.model.SystemInformation;
import io.mobiflow.connectors.gbfs.model.VehicleType;
import io.mobiflow.connectors.gtfsrt.decode.AlertDecoder;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every feed kind's {@link FeedFormat}, declared once, and the detection of a document's kind from
 * its bytes. Adding a feed kind: its {@link FeedKind} constant, its decoder, its line here.
 */
public final class FeedFormats {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final FeedFormat<VehiclePosition> GTFS_RT_VEHICLE_POSITIONS =
      gtfsRealtime(
          FeedKind.GTFS_RT_VEHICLE_POSITIONS, VehiclePosition.class, VehiclePositionDecoder::new);
  public static final FeedFormat<StopTimeUpdate> GTFS_RT_TRIP_UPDATES =
      gtfsRealtime(FeedKind.GTFS_RT_TRIP_UPDATES, StopTimeUpdate.class, TripUpdateDecoder::new);
  public static final FeedFormat<ServiceAlert> GTFS_RT_ALERTS =
      gtfsRealtime(FeedKind.GTFS_RT_ALERTS, ServiceAlert.class, AlertDecoder::new);
  public static final FeedFormat<StationInformation> GBFS_STATION_INFORMATION =
      gbfs(
          FeedKind.GBFS_STATION_INFORMATION,
          StationInformation.class,
          StationInformationDecoder::new);
  public static final FeedFormat<StationStatus> GBFS_STATION_STATUS =
      gbfs(FeedKind.GBFS_STATION_STATUS, StationStatus.class, StationStatusDecoder::new);
  public static final FeedFormat<FreeFloatingVehicle> GBFS_FREE_VEHICLES =
      gbfs(FeedKind.GBFS_FREE_VEHICLES, FreeFloatingVehicle.class, FreeFloatingVehicleDecoder::new);
  public static final FeedFormat<GbfsFeedLink> GBFS_DISCOVERY =
      gbfs(FeedKind.GBFS_DISCOVERY, GbfsFeedLink.class, DiscoveryDecoder::new);
  public static final FeedFormat<SystemInformation> GBFS_SYSTEM_INFORMATION =
      gbfs(
          FeedKind.GBFS_SYSTEM_INFORMATION, SystemInformation.class, SystemInformationDecoder::new);
  public static final FeedFormat<VehicleType> GBFS_VEHICLE_TYPES =
      gbfs(FeedKind.GBFS_VEHICLE_TYPES, VehicleType.class, VehicleTypeDecoder::new);
  public static final FeedFormat<GeofencingZone> GBFS_GEOFENCING_ZONES =
      gbfs(FeedKind.GBFS_GEOFENCING_ZONES, GeofencingZone.class, GeofencingZoneDecoder::new);
  public static final FeedFormat<CounterReading> COUNTER_CSV =
      counter(FeedKind.COUNTER_CSV, "text/csv", "csv", CounterCsvDecoder::new);
  public static final FeedFormat<CounterReading> COUNTER_PARIS_ARCHIVE =
      counter(FeedKind.COUNTER_PARIS_ARCHIVE, "text/csv", "csv", ParisArchiveDecoder::new);
  public static final FeedFormat<CounterReading> COUNTER_PARIS_PORTAL =
      counter(FeedKind.COUNTER_PARIS_PORTAL, "text/csv", "csv", ParisPortalDecoder::new);
  public static final FeedFormat<CounterReading> COUNTER_DATEX2 =
      counter(FeedKind.COUNTER_DATEX2, "application/xml", "xml", Datex2Decoder::new);

  /** Every format, in the order of {@link FeedKind}. */
  public static final List<FeedFormat<?>> ALL =
      List.of(
          GTFS_RT_VEHICLE_POSITIONS,
          GTFS_RT_TRIP_UPDATES,
          GTFS_RT_ALERTS,
          GBFS_STATION_INFORMATION,
          GBFS_STATION_STATUS,
          GBFS_FREE_VEHICLES,
          GBFS_DISCOVERY,
          GBFS_SYSTEM_INFORMATION,
          GBFS_VEHICLE_TYPES,
          GBFS_GEOFENCING_ZONES,
          COUNTER_CSV,
          COUNTER_PARIS_ARCHIVE,
          COUNTER_PARIS_PORTAL,
          COUNTER_DATEX2);

  private static final Map<FeedKind, FeedFormat<?>> BY_KIND = new EnumMap<>(FeedKind.class);

  static {
    for (FeedFormat<?> format : ALL) {
      if (BY_KIND.put(format.kind(), format) != null) {
        throw new IllegalStateException("two formats of " + format.kind());
      }
    }
  }

  private FeedFormats() {}

  /** The format of {@code kind}. */
  public static FeedFormat<?> of(FeedKind kind) {
    FeedFormat<?> format = BY_KIND.get(kind);
    if (format == null) {
      throw new IllegalStateException("no format declared for " + kind);
    }
    return format;
  }

  /**
   * The format of {@code kind}, whose decoder gives {@code eventType}.
   *
   * @throws IllegalArgumentException if its decoder gives another type
   */
  @SuppressWarnings("unchecked") // checked against the declared event type
  public static <T> FeedFormat<T> of(FeedKind kind, Class<T> eventType) {
    FeedFormat<?> format = of(kind);
    if (format.eventType() != eventType) {
      throw new IllegalArgumentException(
          kind
              + " gives "
              + format.eventType().getSimpleName()
              + ", not "
              + eventType.getSimpleName());
    }
    return (FeedFormat<T>) format;
  }

  /** The kinds whose decoders give {@code eventType}, in the order of {@link FeedKind}. */
  public static List<FeedKind> kindsGiving(Class<?> eventType) {
    return ALL.stream()
        .filter(format -> format.eventType() == eventType)
        .map(FeedFormat::kind)
        .toList();
  }

  /**
   * The family of a document, from its bytes, or {@code null} when it is none Mobiflow reads: a
   * JSON object is GBFS, a FeedMessage with a header GTFS-Realtime, a CSV or XML that {@link
   * CounterKinds} recognizes counters.
   */
  public static FeedFamily familyOf(byte[] document) {
    if (firstSignificantByte(document) == '{') {
      return FeedFamily.GBFS;
    }
    if (feedMessage(document) != null) {
      return FeedFamily.GTFS_RT;
    }
    return CounterKinds.detect(document) != null ? FeedFamily.COUNTER : null;
  }

  /**
   * The kind of a document, from its bytes, or {@code null} when it is none Mobiflow reads: GBFS
   * files by the shape of their {@code data} ({@link GbfsKinds}), GTFS-Realtime by its first entity
   * with a vehicle, trip update or alert (none: {@code null}), counters by their header ({@link
   * CounterKinds}).
   */
  public static FeedKind detect(byte[] document) {
    FeedFamily family = familyOf(document);
    if (family == null) {
      return null;
    }
    return switch (family) {
      case GBFS -> {
        try {
          yield GbfsKinds.detect(JSON.readTree(document));
        } catch (IOException e) {
          yield null;
        }
      }
      case GTFS_RT -> kindOfEntities(feedMessage(document));
      case COUNTER -> CounterKinds.detect(document);
    };
  }

  /**
   * The document as a GTFS-Realtime FeedMessage, if it is one with a header (a header with a
   * version, field 1, comes first in every producer's output), else {@code null}.
   */
  public static FeedMessage feedMessage(byte[] document) {
    if (document.length == 0 || document[0] != 0x0A) {
      return null;
    }
    try {
      FeedMessage message = FeedMessage.parseFrom(document);
      return message.getHeader().hasGtfsRealtimeVersion() ? message : null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** The first byte after a UTF-8 byte-order mark and white space, or -1. */
  public static int firstSignificantByte(byte[] document) {
    int i = 0;
    if (document.length >= 3
        && (document[0] & 0xff) == 0xEF
        && (document[1] & 0xff) == 0xBB
        && (document[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < document.length && Character.isWhitespace(document[i])) {
      i++;
    }
    return i < document.length ? document[i] : -1;
  }

  private static FeedKind kindOfEntities(FeedMessage message) {
    for (FeedEntity entity : message.getEntityList()) {
      if (entity.hasVehicle()) {
        return FeedKind.GTFS_RT_VEHICLE_POSITIONS;
      }
      if (entity.hasTripUpdate()) {
        return FeedKind.GTFS_RT_TRIP_UPDATES;
      }
      if (entity.hasAlert()) {
        return FeedKind.GTFS_RT_ALERTS;
      }
    }
    return null;
  }

  private static <T> FeedFormat<T> gtfsRealtime(
      FeedKind kind, Class<T> eventType, Supplier<FeedDecoder<T>> decoders) {
    return new FeedFormat<>(
        kind, FeedFamily.GTFS_RT, "application/x-protobuf", "pb", eventType, decoders);
  }

  private static <T> FeedFormat<T> gbfs(
      FeedKind kind, Class<T> eventType, Supplier<FeedDecoder<T>> decoders) {
    return new FeedFormat<>(kind, FeedFamily.GBFS, "application/json", "json", eventType, decoders);
  }

  private static FeedFormat<CounterReading> counter(
      FeedKind kind,
      String mediaType,
      String extension,
      Supplier<FeedDecoder<CounterReading>> decoders) {
    return new FeedFormat<>(
        kind, FeedFamily.COUNTER, mediaType, extension, CounterReading.class, decoders);
  }
}
