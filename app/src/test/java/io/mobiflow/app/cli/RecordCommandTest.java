package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mobiflow record} against a real HTTP server on 127.0.0.1. */
class RecordCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // a document of now, then one dated 1e17 s, beyond any Instant
    server.createContext("/now.pb", ex -> send(ex, dated(Instant.now().getEpochSecond())));
    server.createContext("/1e17.pb", ex -> send(ex, dated(100_000_000_000_000_000L)));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aDocumentDatedOutOfRangeStopsNoFeed() throws IOException {
    Path feeds =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [
              {"id": "poisoned", "kind": "gtfs_rt_trip_updates", "url": "%s", "interval_seconds": 1},
              {"id": "healthy", "kind": "gtfs_rt_vehicle_positions", "url": "%s", "interval_seconds": 1}
            ]}
            """
                .formatted(url("/1e17.pb"), url("/now.pb")));

    int exit =
        run("--feeds", feeds.toString(), "--out", dir.resolve("out").toString(), "--polls", "2");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    // two polls of each feed, then the summary
    assertThat(lines).hasSize(5);
    assertThat(lines.stream().filter(l -> l.contains(" healthy "))).hasSize(2);
    List<String> poisoned = lines.stream().filter(l -> l.contains(" poisoned ")).toList();
    assertThat(poisoned).hasSize(2);
    assertThat(poisoned.get(0)).contains(" OK ").contains("header timestamp 100000000000000000");
    assertThat(poisoned.get(1)).contains(" STALE ").contains("unchanged content");
    assertThat(lines.get(4)).startsWith("recorded ").contains("of 2 feeds").contains("0 ERROR");
    assertThat(dir.resolve("out/poisoned/gtfs_rt_trip_updates"))
        .isDirectoryContaining("glob:**.pb");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aFeedIdThatIsAPathIsRefusedBeforeAnyPoll() throws IOException {
    Path feeds =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [{"id": "../escaped", "kind": "gtfs_rt_vehicle_positions", "url": "%s"}]}
            """
                .formatted(url("/now.pb")));

    int exit =
        run("--feeds", feeds.toString(), "--out", dir.resolve("out").toString(), "--polls", "1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains(feeds.toString())
        .contains("\"../escaped\"");
    assertThat(dir.resolve("escaped")).doesNotExist();
  }

  @Test
  void snapshotsOlderThanKeepAreDeletedWhileRecording() throws IOException {
    Path feeds =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [{"id": "bus", "kind": "gtfs_rt_vehicle_positions", "url": "%s"}]}
            """
                .formatted(url("/now.pb")));
    Path out = dir.resolve("out");
    Path folder = Files.createDirectories(out.resolve("bus/gtfs_rt_vehicle_positions"));
    long now = Instant.now().getEpochSecond();
    Path twoHours = Files.writeString(folder.resolve((now - 7200) + ".pb"), "old");
    Path tenMinutes = Files.writeString(folder.resolve((now - 600) + ".pb"), "recent");
    Path eightDays = Files.writeString(folder.resolve((now - 8 * 86400) + ".pb"), "older");
    Path notes = Files.writeString(folder.resolve("notes.txt"), "not a snapshot");

    assertThat(run("--feeds", feeds.toString(), "--out", out.toString(), "--polls", "1")).isZero();
    assertThat(eightDays).as("over the default 7 days").doesNotExist();
    assertThat(twoHours).exists();

    assertThat(
            run(
                "--feeds",
                feeds.toString(),
                "--out",
                out.toString(),
                "--polls",
                "1",
                "--keep",
                "PT1H"))
        .isZero();
    assertThat(twoHours).doesNotExist();
    assertThat(tenMinutes).hasContent("recent");
    assertThat(notes).exists();
    assertThat(err.toString()).isEmpty();

    assertThat(run("--feeds", feeds.toString(), "--out", out.toString(), "--keep", "a week"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("--keep must be an ISO-8601 duration (P7D, PT12H) or forever, not 'a week'");
  }

  private int run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "record";
    System.arraycopy(args, 0, all, 1, args.length);
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static byte[] dated(long headerTimestamp) {
    return FeedMessage.newBuilder()
        .setHeader(
            FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(headerTimestamp))
        .build()
        .toByteArray();
  }

  private static void send(HttpExchange ex, byte[] body) throws IOException {
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
