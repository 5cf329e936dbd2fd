package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.sink.JsonLines;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a URL means, over real HTTP on a run's folder (a real GeoPackage): each path segment is
 * percent-decoded once, a plus is a plus; a time filter compares instants; HEAD is GET without the
 * body; an unreadable store is a 500 with a reason on a connection that stays open.
 */
class TravellerApiUrlTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant SIX = Instant.parse("2026-01-13T06:00:00Z");

  @TempDir Path dir;

  @Test
  void eachIdIsDecodedOnce() throws Exception {
    ServedRun.write(dir);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      // the path as sent → the zone it names
      assertThat(zoneId(api, "/zones/Z01")).isEqualTo("Z01");
      assertThat(zoneId(api, "/zones/%25zz")).isEqualTo("%zz");
      assertThat(zoneId(api, "/zones/a+b")).isEqualTo("a+b");
      assertThat(zoneId(api, "/zones/a%2Bb")).isEqualTo("a+b");
      assertThat(zoneId(api, "/zones/a%2Fb")).isEqualTo("a/b");
      assertThat(zoneId(api, "/zones/a%20b")).isEqualTo("a b");
      assertThat(
              get(api, "/zones/a%2Fb/flows?from=2026-01-13T06:00:00Z&to=2026-01-13T07:00:00Z")
                  .statusCode())
          .isEqualTo(200);

      // what names no zone, or nothing
      assertThat(error(get(api, "/zones/%25"), 404)).contains("no zone '%'");
      assertThat(error(get(api, "/zones/a/b"), 404)).contains("no such resource");
      assertThat(malformed(api, "/zones/%zz")).isEqualTo(400);
      assertThat(error(get(api, "/zones/%C3%28"), 400)).isNotBlank(); // not UTF-8
      assertThat(error(get(api, "/zones/%00"), 400)).isNotBlank();
      assertThat(error(get(api, "/stops/%20"), 400)).contains("not an id");
      assertThat(malformed(api, "/zones?bbox=%zz")).isEqualTo(400);
    }
  }

  @Test
  void aTimeFilterComparesInstants() throws Exception {
    ServedRun.write(dir);
    Instant now = Instant.now();
    ServedRun.insertZoneFlow(dir, "Z01", SIX, now);
    ServedRun.insertZoneFlow(dir, "Z01", SIX.plusSeconds(300), now);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      assertThat(windows(api, "2026-01-13T06:00:00Z", "2026-01-13T07:00:00Z"))
          .containsExactly("2026-01-13T06:00:00Z", "2026-01-13T06:05:00Z");
      assertThat(windows(api, "2026-01-13T06:00:00.5Z", "2026-01-13T07:00:00Z"))
          .containsExactly("2026-01-13T06:05:00Z");
      assertThat(windows(api, "2026-01-13T05:00:00Z", "2026-01-13T06:05:00Z"))
          .containsExactly("2026-01-13T06:00:00Z");
      assertThat(windows(api, "2026-01-13T05:00:00Z", "2026-01-13T06:05:00.001Z"))
          .containsExactly("2026-01-13T06:00:00Z", "2026-01-13T06:05:00Z");
      // an offset is a '+', not a space
      assertThat(windows(api, "2026-01-13T07:00:00.5+01:00", "2026-01-13T07:00:00Z"))
          .containsExactly("2026-01-13T06:05:00Z");
    }
  }

  @Test
  void headAnswersAsGetWithoutTheBodyAndOtherMethodsAre405() throws Exception {
    ServedRun.write(dir);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0));
        Socket socket = RawHttp.connect(api.port(), "127.0.0.1")) {
      RawHttp.Reply get = RawHttp.exchange(socket, "GET", "/zones/Z01");
      RawHttp.Reply head = RawHttp.exchange(socket, "HEAD", "/zones/Z01");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().get("content-length")).isEqualTo(String.valueOf(get.body().length));
      assertThat(head.headers().get("content-type")).isEqualTo("application/json");
      // no body came: the next answer on the connection is read whole
      RawHttp.Reply after = RawHttp.exchange(socket, "GET", "/zones/Z01");
      assertThat(after.body()).isEqualTo(get.body());

      for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(uri(api, "/zones/Z01"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(answer.headers().firstValue("Connection")).hasValue("close");
        assertThat(JsonLines.MAPPER.readTree(answer.body()).get("error").asText())
            .contains("only GET and HEAD");
      }
    }
  }

  @Test
  void anUnreadableStoreIsA500WithAReasonAndTheConnectionStays() throws Exception {
    ServedRun.write(dir);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0));
        Socket socket = RawHttp.connect(api.port(), "127.0.0.1")) {
      Path gpkg = dir.resolve("flows.gpkg");
      Files.deleteIfExists(dir.resolve("flows.gpkg-wal"));
      Files.deleteIfExists(dir.resolve("flows.gpkg-shm"));
      Files.write(gpkg, new byte[4096]); // zeros: no longer a database

      RawHttp.Reply failed =
          RawHttp.exchange(
              socket, "GET", "/zones/Z01/flows?from=2026-01-13T06:00:00Z&to=2026-01-13T07:00:00Z");
      assertThat(failed.status()).isEqualTo(500);
      assertThat(JsonLines.MAPPER.readTree(failed.body()).get("error").asText())
          .contains("could not be read");
      assertThat(failed.text()).doesNotContain(dir.toString()).doesNotContain("Exception");
      // the same connection answers the next request
      assertThat(RawHttp.exchange(socket, "GET", "/zones/Z01").status()).isEqualTo(200);
    }
  }

  /** The status of a request the JDK's client refuses to send; its body must be a JSON error. */
  private static int malformed(TravellerApi api, String path) throws Exception {
    try (Socket socket = RawHttp.connect(api.port(), "127.0.0.1")) {
      RawHttp.Reply reply = RawHttp.exchange(socket, "GET", path);
      assertThat(JsonLines.MAPPER.readTree(reply.body()).get("error").asText()).isNotBlank();
      return reply.status();
    }
  }

  @Test
  void anInstantOutsideFourDigitYearsIsABadRequestNotAStoreError() throws Exception {
    ServedRun.write(dir);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      // a day ending at Instant.MAX: the store would round 'to' up past the last instant
      assertThat(
              error(
                  get(
                      api,
                      "/zones/Z01/flows?from=%2B1000000000-12-30T23:59:59.999999999Z"
                          + "&to=%2B1000000000-12-31T23:59:59.999999999Z"),
                  400))
          .contains("'from' must be between 0000 and 9999");
      assertThat(
              error(
                  get(
                      api,
                      "/zones/Z01/flows?from=9999-12-31T00:00:00Z&to=%2B10000-01-01T00:00:00Z"),
                  400))
          .contains("'to' must be between 0000 and 9999");
      assertThat(
              error(
                  get(api, "/zones/Z01/flows?from=-0001-12-31T00:00:00Z&to=0000-01-01T00:00:00Z"),
                  400))
          .contains("'from' must be between 0000 and 9999");
      assertThat( // the last second allowed
              get(api, "/zones/Z01/flows?from=9999-12-30T00:00:00Z&to=9999-12-31T23:59:59Z")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  private static List<String> windows(TravellerApi api, String from, String to) throws Exception {
    HttpResponse<String> answer =
        get(
            api,
            "/zones/Z01/flows?from=" + from.replace("+", "%2B") + "&to=" + to.replace("+", "%2B"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JsonLines.MAPPER.readTree(answer.body()).get("flows").findValuesAsText("windowStart");
  }

  private static String zoneId(TravellerApi api, String path) throws Exception {
    HttpResponse<String> answer = get(api, path);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JsonLines.MAPPER.readTree(answer.body()).get("id").asText();
  }

  private static String error(HttpResponse<String> answer, int status) throws Exception {
    assertThat(answer.statusCode()).as(answer.uri() + ": " + answer.body()).isEqualTo(status);
    JsonNode body = JsonLines.MAPPER.readTree(answer.body());
    return body.get("error").asText();
  }

  private static URI uri(TravellerApi api, String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private static HttpResponse<String> get(TravellerApi api, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(api, path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
