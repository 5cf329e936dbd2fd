package io.mobiflow.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * Writes the reference data of a demo city for people and GIS tools: {@code zones.geojson} and
 * {@code counter-sites.geojson} (open them in QGIS), the GBFS {@code station_information.json} of
 * the simulated bike-share system, and the counter sites as the job reads them, {@code
 * counter-sites.csv} ({@code site_id,name,lat,lon}).
 */
public final class CityFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CityFiles() {}

  public static void write(DemoCity city, Path directory) throws IOException {
    Files.createDirectories(directory);
    ArrayNode zones = JSON.createArrayNode();
    for (Zone zone : city.zones()) {
      zones.add(feature(zone.geometry(), Map.of("id", zone.id(), "name", zone.name())));
    }
    writeCollection(directory.resolve("zones.geojson"), zones);
    ArrayNode sites = JSON.createArrayNode();
    for (CounterSite site : city.counterSites()) {
      sites.add(
          feature(
              Wgs84.point(site.latitude(), site.longitude()),
              Map.of("id", site.siteId(), "name", site.name(), "simulated", "true")));
    }
    writeCollection(directory.resolve("counter-sites.geojson"), sites);
    StringBuilder csv = new StringBuilder("site_id,name,lat,lon\n");
    for (CounterSite site : city.counterSites()) {
      csv.append(site.siteId())
          .append(",\"")
          .append(site.name().replace("\"", "\"\""))
          .append("\",")
          .append(site.latitude())
          .append(',')
          .append(site.longitude())
          .append('\n');
    }
    Files.writeString(directory.resolve("counter-sites.csv"), csv, StandardCharsets.UTF_8);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(
            directory.resolve("station_information.json").toFile(), stationInformation(city));
  }

  private static ObjectNode stationInformation(DemoCity city) {
    ObjectNode root = JSON.createObjectNode();
    root.put("last_updated", 0);
    root.put("ttl", 86_400);
    root.put("version", "2.3");
    ArrayNode list = root.putObject("data").putArray("stations");
    for (StationInformation station : city.stations()) {
      ObjectNode node = list.addObject();
      node.put("station_id", station.stationId());
      node.put("name", station.name());
      node.put("lat", station.latitude());
      node.put("lon", station.longitude());
      node.put("capacity", station.capacity());
    }
    return root;
  }

  private static ObjectNode feature(Geometry geometry, Map<String, String> properties)
      throws IOException {
    GeoJsonWriter writer = new GeoJsonWriter();
    writer.setEncodeCRS(false);
    ObjectNode feature = JSON.createObjectNode();
    feature.put("type", "Feature");
    ObjectNode props = feature.putObject("properties");
    properties.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> props.put(e.getKey(), e.getValue()));
    feature.set("geometry", JSON.readTree(writer.write(geometry)));
    return feature;
  }

  private static void writeCollection(Path file, ArrayNode features) throws IOException {
    ObjectNode collection = JSON.createObjectNode();
    collection.put("type", "FeatureCollection");
    collection.set("features", features);
    JSON.writeValue(file.toFile(), collection);
  }
}
