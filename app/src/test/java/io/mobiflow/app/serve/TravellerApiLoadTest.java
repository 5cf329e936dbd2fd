package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API under slow and greedy clients, over real sockets on loopback: connections that never
 * finish their request do not delay others and are closed in time; one address holds a bounded
 * number of connections; event streams are capped and a leaving client's slot is free at once.
 */
class TravellerApiLoadTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void aHundredHalfOpenConnectionsDoNotDelayAnotherClient() throws Exception {
    try (TravellerApi api = api(ApiSettings.Limits.DEFAULT)) {
      // warms both ends up (loading classes on a busy machine can take seconds)
      assertThat(get(api, "/suggestions").statusCode()).isEqualTo(200);
      // 25 from each of four addresses: every one is held (the cap per address is 32)
      for (int i = 0; i < 100; i++) {
        sockets.add(RawHttp.halfOpen(api.port(), "127.0.0." + (2 + i % 4)));
      }
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(api, "/suggestions", Duration.ofSeconds(1));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
      assertThat(sockets).noneMatch(Socket::isClosed);
      assertThat(RawHttp.closedWithin(sockets.get(0), Duration.ofMillis(200)))
          .as("still held: the header timeout is 10 s")
          .isFalse();
    }
  }

  @Test
  void aConnectionThatTricklesItsHeaderIsClosedAfterTheHeaderTimeout() throws Exception {
    ApiSettings.Limits limits =
        ApiSettings.Limits.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1));
    try (TravellerApi api = api(limits)) {
      Socket slow = RawHttp.halfOpen(api.port(), "127.0.0.1");
      sockets.add(slow);
      long start = System.nanoTime();
      boolean closed = false;
      // a byte every 200 ms: never idle, never a whole header
      while (!closed && System.nanoTime() - start < Duration.ofSeconds(6).toNanos()) {
        RawHttp.send(slow, "x");
        closed = RawHttp.closedWithin(slow, Duration.ofMillis(200));
      }
      Duration held = Duration.ofNanos(System.nanoTime() - start);
      assertThat(closed).isTrue();
      assertThat(held).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
    }
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    ApiSettings.Limits limits =
        ApiSettings.Limits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30));
    try (TravellerApi api = api(limits)) {
      Socket silent = RawHttp.connect(api.port(), "127.0.0.1");
      sockets.add(silent);
      assertThat(RawHttp.closedWithin(silent, Duration.ofMillis(500))).isFalse();
      assertThat(RawHttp.closedWithin(silent, Duration.ofSeconds(3))).isTrue();
    }
  }

  @Test
  void oneAddressHoldsAtMostItsConnectionsWhileOthersAreServed() throws Exception {
    try (TravellerApi api = api(ApiSettings.Limits.DEFAULT.withConnections(1024, 4))) {
      List<Socket> fromOne = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fromOne.add(RawHttp.halfOpen(api.port(), "127.0.0.2"));
      }
      sockets.addAll(fromOne);
      // Jetty's selectors may see the five in another order than they were opened: which one is
      // refused is not fixed, that one and only one is.
      Thread.sleep(2000);
      List<Socket> open = new ArrayList<>();
      for (Socket socket : fromOne) {
        if (!RawHttp.closedWithin(socket, Duration.ofMillis(100))) {
          open.add(socket);
        }
      }
      assertThat(open).as("connections 127.0.0.2 still holds").hasSize(4);
      assertThat(get(api, "/suggestions").statusCode()).isEqualTo(200); // from 127.0.0.1

      open.get(0).close(); // a slot of 127.0.0.2 is free again
      Thread.sleep(200);
      Socket again = RawHttp.connect(api.port(), "127.0.0.2");
      sockets.add(again);
      assertThat(RawHttp.exchange(again, "GET", "/suggestions").status()).isEqualTo(200);
    }
  }

  @Test
  void eventStreamsAreCappedAndALeavingClientsSlotIsFreeAtOnce() throws Exception {
    int cap = 3;
    try (TravellerApi api = api(ApiSettings.Limits.DEFAULT.withMaxStreams(cap))) {
      List<Socket> streams = new ArrayList<>();
      for (int i = 0; i < cap; i++) {
        Socket stream = RawHttp.connect(api.port(), "127.0.0.1");
        sockets.add(stream);
        RawHttp.send(stream, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(RawHttp.read(stream, true).status()).isEqualTo(200);
        streams.add(stream);
      }
      HttpResponse<String> refused = get(api, "/events");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("too many event streams open (3)");

      streams.get(1).close();
      long closedAt = System.nanoTime();
      int status = 0;
      Socket next = null;
      while (status != 200 && System.nanoTime() - closedAt < Duration.ofSeconds(5).toNanos()) {
        next = RawHttp.connect(api.port(), "127.0.0.1");
        sockets.add(next);
        RawHttp.send(next, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        status = RawHttp.read(next, true).status();
        if (status != 200) {
          next.close();
          Thread.sleep(50);
        }
      }
      assertThat(status).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
    }
  }

  private static TravellerApi api(ApiSettings.Limits limits) throws Exception {
    return new TravellerApi(
        new SuggestionBoard(null, new Events()),
        null,
        new Events(),
        List.of(),
        ApiSettings.open("127.0.0.1", 0).withLimits(limits));
  }

  private static HttpResponse<String> get(TravellerApi api, String path) throws Exception {
    return get(api, path, Duration.ofSeconds(30));
  }

  private static HttpResponse<String> get(TravellerApi api, String path, Duration timeout)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .timeout(timeout)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
