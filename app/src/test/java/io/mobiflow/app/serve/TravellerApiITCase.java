package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.testing.SimulatedPeribus;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * {@code mobiflow serve} over real HTTP on 127.0.0.1 while a run writes: 40 minutes of the demo's
 * simulated feeds on the real Péribus network, replayed into a GeoPackage with suggestions. An
 * event stream opened before the job receives the job's indicators and suggestions; the zones'
 * GeoJSON parses back with JTS into the zones written; answers are checked against the GeoPackage
 * read with plain SQL; bad ids, boxes and ranges get 4xx with a reason.
 */
class TravellerApiITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void servesTheZonesStopsAndEventsOfARunAsItWrites() throws Exception {
    DemoCity city = SimulatedPeribus.write(dir, 40);
    MobiflowConfig config =
        ConfigLoader.load(
            Files.writeString(
                dir.resolve("run.yaml"),
                """
                places:
                  zones: city/zones.geojson
                  stations: city/station_information.json
                  gtfs: city/peribus-gtfs.zip
                sources:
                  snapshots: feeds
                suggestions: {}
                outputs:
                  geopackage: flows.gpkg
                  units: [zone, stop]
                """));
    FlowStores.open(config.outputs().flowTables())
        .prepare(city.zones()); // as mobiflow run does first

    try (TravellerService service = TravellerService.fromConfig(config, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      BlockingQueue<String> stream = new LinkedBlockingQueue<>();
      HttpResponse<Stream<String>> events =
          HTTP.send(request(api, "/events"), HttpResponse.BodyHandlers.ofLines());
      assertThat(events.statusCode()).isEqualTo(200);
      assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      Thread reader = new Thread(() -> events.body().forEach(stream::add));
      reader.setDaemon(true);
      reader.start();

      StreamExecutionEnvironment env = FlinkTests.environment();
      ZoneFlowPipeline.builder(config).bounded(true).build(env);
      env.execute("serve while writing");

      // the stream delivers the job's output: a zone's indicators and a suggestion
      Map<String, JsonNode> firstOfEach = new HashMap<>();
      String event = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((!firstOfEach.containsKey("flow") || !firstOfEach.containsKey("suggestion"))
          && System.nanoTime() < deadline) {
        String line = stream.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && event != null) {
          firstOfEach.putIfAbsent(event, JsonLines.MAPPER.readTree(line.substring(6)));
        }
      }
      assertThat(firstOfEach).containsKeys("flow", "suggestion");
      ZoneFlow streamed = JsonLines.MAPPER.treeToValue(firstOfEach.get("flow"), ZoneFlow.class);
      assertThat(
              countOf(
                  "SELECT COUNT(*) FROM flows WHERE unit = '"
                      + streamed.unit()
                      + "' AND unit_id = '"
                      + streamed.unitId()
                      + "' AND window_start = '"
                      + streamed.windowStart()
                      + "'"))
          .as("the streamed flow is a row the job wrote")
          .isEqualTo(1);
      assertThat(firstOfEach.get("suggestion").get("id").asText()).contains(":");

      // wait for the board to have read the last windows (parallel writers commit apart)
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String busiest = busiestZone();
      String newest = newestWindow(busiest);
      String stop = anyStop();
      while (System.nanoTime() < deadline
          && (!newest.equals(
                  feature(api, busiest)
                      .path("properties")
                      .path("indicators")
                      .path("windowStart")
                      .asText())
              || !stopIndicators(api, stop).isObject())) {
        Thread.sleep(200);
      }

      // the zones as GeoJSON: JTS reads them back as the zones written, with their indicators
      HttpResponse<String> zones =
          HTTP.send(request(api, "/zones"), HttpResponse.BodyHandlers.ofString());
      assertThat(zones.statusCode()).isEqualTo(200);
      GeometryCollection read = (GeometryCollection) new GeoJsonReader().read(zones.body());
      assertThat(read.getNumGeometries()).isEqualTo(city.zones().size());
      JsonNode collection = JsonLines.MAPPER.readTree(zones.body());
      for (int i = 0; i < read.getNumGeometries(); i++) {
        Geometry geometry = read.getGeometryN(i);
        Zone zone = city.zones().get(i);
        assertThat(collection.get("features").get(i).get("id").asText()).isEqualTo(zone.id());
        assertThat(geometry.isValid()).isTrue();
        assertThat(geometry.equalsExact(zone.geometry(), 1e-9)).as(zone.id()).isTrue();
      }
      JsonNode busiestFeature = feature(api, busiest);
      assertThat(busiestFeature.path("properties").path("indicators").path("windowStart").asText())
          .isEqualTo(newest);

      // a box around a point inside the busiest zone holds it; one at sea holds nothing
      Point inside =
          city.zones().stream()
              .filter(z -> z.id().equals(busiest))
              .findFirst()
              .orElseThrow()
              .geometry()
              .getInteriorPoint();
      String box =
          (inside.getX() - 1e-4)
              + ","
              + (inside.getY() - 1e-4)
              + ","
              + (inside.getX() + 1e-4)
              + ","
              + (inside.getY() + 1e-4);
      JsonNode boxed = JsonLines.MAPPER.readTree(get(api, "/zones?bbox=" + box).body());
      assertThat(boxed.get("features").findValuesAsText("id")).contains(busiest);
      assertThat(
              JsonLines.MAPPER
                  .readTree(get(api, "/zones?bbox=-30,40,-29,41").body())
                  .get("features"))
          .isEmpty();

      // a zone's windows over a range: as many as the table has
      JsonNode range =
          JsonLines.MAPPER.readTree(
              get(
                      api,
                      "/zones/"
                          + busiest
                          + "/flows?from=2026-01-13T00:00:00Z&to=2026-01-14T00:00:00Z")
                  .body());
      assertThat(range.get("count").asLong())
          .isEqualTo(
              countOf(
                  "SELECT COUNT(*) FROM flows WHERE unit = 'ZONE' AND unit_id = '" + busiest + "'"))
          .isPositive();

      // a stop's indicators
      assertThat(stopIndicators(api, stop).path("unitId").asText()).isEqualTo(stop);

      // what cannot be answered
      assertThat(get(api, "/zones/NO-SUCH-ZONE").statusCode()).isEqualTo(404);
      assertThat(get(api, "/stops/NO-SUCH-STOP").statusCode()).isEqualTo(404);
      for (String bad : List.of("1,2,3", "a,b,c,d", "10,50,5,40", "0,0,200,10")) {
        HttpResponse<String> answer = get(api, "/zones?bbox=" + bad);
        assertThat(answer.statusCode()).as(bad).isEqualTo(400);
        assertThat(JsonLines.MAPPER.readTree(answer.body()).get("error").asText()).contains("bbox");
      }
      assertThat(
              get(
                      api,
                      "/zones/"
                          + busiest
                          + "/flows?from=2026-01-14T00:00:00Z&to=2026-01-13T00:00:00Z")
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              get(api, "/zones/" + busiest + "/flows?from=yesterday&to=2026-01-13T00:00:00Z")
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              get(
                      api,
                      "/zones/"
                          + busiest
                          + "/flows?from=2025-01-01T00:00:00Z&to=2026-01-13T00:00:00Z")
                  .statusCode())
          .isEqualTo(400);

      // the description lists what is served
      JsonNode openApi = JsonLines.MAPPER.readTree(get(api, "/openapi.json").body());
      assertThat(openApi.get("openapi").asText()).startsWith("3.");
      assertThat(openApi.get("paths").fieldNames())
          .toIterable()
          .contains(
              "/zones",
              "/zones/{id}",
              "/zones/{id}/flows",
              "/stops/{id}",
              "/suggestions",
              "/gtfs-rt/alerts.pb",
              "/events");
    }
  }

  private JsonNode stopIndicators(TravellerApi api, String stop) throws Exception {
    return JsonLines.MAPPER.readTree(get(api, "/stops/" + stop).body()).path("indicators");
  }

  private JsonNode feature(TravellerApi api, String zone) throws Exception {
    return JsonLines.MAPPER.readTree(get(api, "/zones/" + zone).body());
  }

  private String busiestZone() throws Exception {
    return text(
        "SELECT unit_id FROM flows WHERE unit = 'ZONE' GROUP BY unit_id ORDER BY COUNT(*) DESC, unit_id LIMIT 1");
  }

  private String newestWindow(String zone) throws Exception {
    return text(
        "SELECT MAX(window_start) FROM flows WHERE unit = 'ZONE' AND unit_id = '" + zone + "'");
  }

  private String anyStop() throws Exception {
    return text("SELECT MIN(unit_id) FROM flows WHERE unit = 'STOP'");
  }

  private String text(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("flows.gpkg"));
        ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private long countOf(String sql) throws Exception {
    return Long.parseLong(text(sql));
  }

  private static HttpRequest request(TravellerApi api, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build();
  }

  private static HttpResponse<String> get(TravellerApi api, String path) throws Exception {
    return HTTP.send(request(api, path), HttpResponse.BodyHandlers.ofString());
  }
}
