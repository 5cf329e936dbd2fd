package io.mobiflow.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mobiflow.connectors.common.CsvRows;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.load.GeoJsonZones;
import io.mobiflow.geodata.load.GeoPackageZones;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the reference data a configuration names into {@link Places}, at start: a file that cannot
 * be read fails with its key; rows or stations that cannot be used fail too, since a reference file
 * is configuration, not a stream.
 */
public final class PlacesLoader {

  private PlacesLoader() {}

  public static Places load(MobiflowConfig config) throws ConfigException {
    MobiflowConfig.PlaceFiles files = config.places();
    try {
      return new Places(
          zones(config),
          files.counterSites() == null
              ? List.of()
              : counterSites(config.file(), files.counterSites()),
          files.stations() == null ? List.of() : stations(config.file(), files.stations()),
          files.gtfs() == null ? List.of() : stops(files.gtfs()));
    } catch (ConfigException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(config.file() + ": key 'places': " + e.getMessage());
    }
  }

  /** GeoJSON, or a layer of a GeoPackage ({@code .gpkg}, {@code places.zones_layer}). */
  private static List<Zone> zones(MobiflowConfig config) throws IOException, ConfigException {
    MobiflowConfig.PlaceFiles files = config.places();
    if (!files.zones().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gpkg")) {
      List<Zone> zones;
      try {
        zones = GeoJsonZones.read(files.zones(), files.zoneIdProperty(), files.zoneNameProperty());
      } catch (JsonProcessingException e) {
        throw new ConfigException(
            config.file()
                + ": key 'places.zones': "
                + files.zones()
                + " is not GeoJSON: "
                + e.getOriginalMessage().split("\n")[0]);
      }
      if (zones.isEmpty()) {
        throw new ConfigException(
            config.file() + ": key 'places.zones': " + files.zones() + " holds no zone");
      }
      return zones;
    }
    if (files.zonesLayer() == null) {
      throw new ConfigException(
          config.file() + ": key 'places.zones_layer' is missing (the GeoPackage layer to read)");
    }
    return GeoPackageZones.read(
        files.zones(), files.zonesLayer(), files.zoneIdProperty(), files.zoneNameProperty());
  }

  private static List<TransitStop> stops(Path gtfs) throws IOException {
    return CompactTimetableLoader.load(gtfs).stops();
  }

  private static List<StationInformation> stations(Path config, Path file) throws IOException {
    FeedSnapshot snapshot =
        new FeedSnapshot(
            "stations",
            FeedKind.GBFS_STATION_INFORMATION,
            Instant.EPOCH,
            SourceRef.file("stations", file.toString()),
            Files.readAllBytes(file));
    List<StationInformation> stations = new ArrayList<>();
    for (Decoded<StationInformation> d : new StationInformationDecoder().decode(snapshot)) {
      if (!d.isOk()) {
        throw new ConfigException(config + ": key 'places.stations': " + d.rejection());
      }
      stations.add(d.value());
    }
    return stations;
  }

  private static List<CounterSite> counterSites(Path config, Path file) throws IOException {
    CsvRows csv = CsvRows.read(Files.readAllBytes(file), ',');
    Map<String, Integer> columns = csv.columns();
    if (csv.error() != null
        || !columns.keySet().containsAll(List.of("site_id", "name", "lat", "lon"))) {
      throw new ConfigException(
          config + ": key 'places.counter_sites': " + file + " must be a CSV site_id,name,lat,lon");
    }
    List<CounterSite> sites = new ArrayList<>();
    for (CsvRows.Row row : csv.rows()) {
      List<String> f = row.fields();
      try {
        sites.add(
            CounterSite.atPoint(
                f.get(columns.get("site_id")).trim(),
                f.get(columns.get("name")).trim(),
                Double.parseDouble(f.get(columns.get("lat")).trim()),
                Double.parseDouble(f.get(columns.get("lon")).trim())));
      } catch (RuntimeException e) {
        throw new ConfigException(
            config
                + ": key 'places.counter_sites': "
                + file
                + " line "
                + row.line()
                + ": "
                + e.getMessage());
      }
    }
    return sites;
  }
}
