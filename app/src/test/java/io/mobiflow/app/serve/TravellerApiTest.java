package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
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
 * The API over real HTTP on 127.0.0.1, on suggestion records written as a run writes them: only the
 * suggestions valid at the board's clock are served; errors are 4xx with a reason.
 */
class TravellerApiTest {

  private static final Instant T = Instant.parse("2026-01-13T06:30:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void servesTheSuggestionsValidNowAsAnAlertsFeedAndAsJson() throws Exception {
    Suggestion valid =
        suggestion("shared-vehicle:t1:s1", SuggestionType.SHARED_VEHICLE_FOR_DELAY, -60, 300);
    Suggestion later = suggestion("connection:t2:s2", SuggestionType.CONNECTION_AT_RISK, -120, 600);
    Suggestion over = suggestion("gap:s3", SuggestionType.FIRST_LAST_MILE_GAP, -900, -1);
    Suggestion withdrawn =
        suggestion("shared-vehicle:t4:s4", SuggestionType.SHARED_VEHICLE_FOR_DELAY, -300, 300);
    Files.createDirectories(dir.resolve("suggestions"));
    Files.write(
        dir.resolve("suggestions/part-0.jsonl"),
        List.of(
            json(valid),
            json(later),
            json(over),
            json(withdrawn),
            json(withdrawn.withStatus(SuggestionStatus.WITHDRAWN, T.minusSeconds(10))),
            // the clock: the newest record
            json(suggestion("gap:s5", SuggestionType.FIRST_LAST_MILE_GAP, 0, 900))));
    SuggestionBoard board = new SuggestionBoard(null, new Events());
    assertThat(new SuggestionFiles(dir, board).poll()).isEqualTo(6);
    assertThat(board.clock()).isEqualTo(T);

    try (TravellerApi api = new TravellerApi(board, null, new Events(), "127.0.0.1", 0)) {
      HttpResponse<byte[]> feed = get(api, "/gtfs-rt/alerts.pb");
      assertThat(feed.statusCode()).isEqualTo(200);
      assertThat(feed.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
      FeedMessage message = FeedMessage.parseFrom(feed.body());
      assertThat(message.getHeader().getTimestamp()).isEqualTo(T.getEpochSecond());
      assertThat(message.getEntityList())
          .extracting(FeedEntity::getId)
          .containsExactlyInAnyOrder(
              "mobiflow-shared-vehicle:t1:s1", "mobiflow-connection:t2:s2", "mobiflow-gap:s5");
      FeedEntity first =
          message.getEntityList().stream()
              .filter(e -> e.getId().equals("mobiflow-shared-vehicle:t1:s1"))
              .findFirst()
              .orElseThrow();
      assertThat(first.getAlert().getActivePeriod(0).getEnd()).isEqualTo(T.getEpochSecond() + 300);
      assertThat(first.getAlert().getInformedEntity(0).getStopId()).isEqualTo("s1");
      assertThat(first.getAlert().getInformedEntity(0).getTrip().getTripId()).isEqualTo("t1");

      JsonNode only =
          JsonLines.MAPPER.readTree(get(api, "/suggestions?type=connection_at_risk").body());
      assertThat(only.get("count").asInt()).isEqualTo(1);
      assertThat(only.get("suggestions").get(0).get("id").asText()).isEqualTo("connection:t2:s2");

      assertThat(get(api, "/suggestions?type=bogus").statusCode()).isEqualTo(400);
      assertThat(new String(get(api, "/suggestions?type=bogus").body())).contains("unknown type");
      assertThat(get(api, "/suggestions?bbox=1,2").statusCode()).isEqualTo(400);
      assertThat(get(api, "/zones/Z01").statusCode()).isEqualTo(404);
      HttpResponse<byte[]> post =
          HTTP.send(
              HttpRequest.newBuilder(uri(api, "/suggestions"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void aBoardAsOfAnEarlierTimeServesWhatWasValidThen() throws Exception {
    SuggestionBoard board = new SuggestionBoard(T.minusSeconds(200), new Events());
    board.accept(suggestion("a", SuggestionType.CONNECTION_AT_RISK, -300, 0)); // valid then
    board.accept(suggestion("b", SuggestionType.CONNECTION_AT_RISK, -100, 600)); // issued after
    assertThat(board.current()).extracting(Suggestion::id).containsExactly("a");
  }

  private static Suggestion suggestion(
      String id, SuggestionType type, long fromSeconds, long untilSeconds) {
    String[] parts = id.split(":");
    return new Suggestion(
        id,
        type,
        SuggestionStatus.ISSUED,
        T.plusSeconds(fromSeconds),
        T.plusSeconds(fromSeconds),
        T.plusSeconds(untilSeconds),
        "Z",
        parts[parts.length - 1],
        null,
        parts.length == 3 ? parts[1] : null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        "fr " + id,
        "en " + id,
        "description fr",
        "description en");
  }

  private static String json(Suggestion s) throws Exception {
    return JsonLines.MAPPER.writeValueAsString(s);
  }

  private static URI uri(TravellerApi api, String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private static HttpResponse<byte[]> get(TravellerApi api, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(api, path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
