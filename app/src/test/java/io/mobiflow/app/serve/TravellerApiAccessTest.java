package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.sink.JsonLines;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read the API and what browsers may do with it, over real HTTP on a run's folder: API
 * keys, CORS, security headers, the rate limit, the access log, TLS, and the health probes.
 */
class TravellerApiAccessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String KEY = "k3y-0123456789abcdef";
  private static final String ORIGIN = "https://app.example.org";

  @TempDir Path dir;

  @Test
  void withKeysEveryResourceButTheProbesNeedsOne() throws Exception {
    ServedRun.write(dir);
    ServedRun.insertZoneFlow(dir, "Z01", Instant.parse("2026-01-13T06:00:00Z"), Instant.now());
    ApiSettings settings =
        ApiSettings.open("127.0.0.1", 0).withKeys(ApiKeys.of(List.of("another-key-of-16+", KEY)));
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      HttpResponse<String> none = get(api, "/zones/Z01");
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"mobiflow\"");
      assertThat(error(none)).contains("API key is required");
      assertThat(get(api, "/zones/Z01", "Authorization", "Bearer " + KEY + "x").statusCode())
          .isEqualTo(401);
      assertThat(get(api, "/zones/Z01", "X-API-Key", KEY.substring(1)).statusCode()).isEqualTo(401);
      assertThat(get(api, "/zones/Z01", "Authorization", "Bearer " + KEY).statusCode())
          .isEqualTo(200);
      assertThat(get(api, "/zones/Z01", "Authorization", "bearer " + KEY).statusCode())
          .isEqualTo(200);
      assertThat(get(api, "/zones/Z01", "X-API-Key", KEY).statusCode()).isEqualTo(200);
      assertThat(get(api, "/events", "X-API-Key", "no").statusCode()).isEqualTo(401);
      assertThat(get(api, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(api, "/readyz").statusCode()).isEqualTo(200);
    }
    // without keys (the default) the same request is answered
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      assertThat(get(api, "/zones/Z01").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void keysAreHeldAsDigestsAndShortOnesRefused() {
    ApiKeys keys = ApiKeys.parse(" " + KEY + " ,other-key-0123456789");
    assertThat(keys.accepts(KEY)).isTrue();
    assertThat(keys.accepts("other-key-0123456789")).isTrue();
    assertThat(keys.accepts(KEY.toUpperCase())).isFalse();
    assertThat(keys.accepts(null)).isFalse();
    assertThat(keys.toString()).doesNotContain(KEY);
    assertThat(ApiKeys.NONE.required()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKeys.of(List.of("short")))
        .hasMessageContaining("fewer than 16");
  }

  @Test
  void corsAnswersTheListedOriginsOnlyAndSecurityHeadersAreOnEveryAnswer() throws Exception {
    ServedRun.write(dir);
    ApiSettings settings = ApiSettings.open("127.0.0.1", 0).withCorsOrigins(List.of(ORIGIN));
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      HttpResponse<String> allowed = get(api, "/zones/Z01", "Origin", ORIGIN);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
      HttpResponse<String> other = get(api, "/zones/Z01", "Origin", "https://evil.example.org");
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      HttpResponse<String> preflight =
          HTTP.send(
              HttpRequest.newBuilder(uri(api, "/zones/Z01"))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", ORIGIN)
                  .header("Access-Control-Request-Method", "GET")
                  .header("Access-Control-Request-Headers", "authorization")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(preflight.statusCode()).isBetween(200, 204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .contains("GET");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
          .containsIgnoringCase("authorization");

      for (HttpResponse<String> answer :
          List.of(allowed, other, preflight, get(api, "/nowhere"), get(api, "/healthz"))) {
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().firstValue("Content-Security-Policy").orElse(""))
            .contains("frame-ancestors 'none'");
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
      }
    }
    // by default: same origin only, no CORS headers
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(ApiSettings.open("127.0.0.1", 0))) {
      assertThat(
              get(api, "/zones/Z01", "Origin", ORIGIN)
                  .headers()
                  .firstValue("Access-Control-Allow-Origin"))
          .isEmpty();
    }
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfter() throws Exception {
    ApiSettings settings =
        ApiSettings.open("127.0.0.1", 0).withLimits(ApiSettings.Limits.DEFAULT.withRate(2, 5));
    try (TravellerApi api =
        new TravellerApi(
            new SuggestionBoard(null, new Events()), null, new Events(), List.of(), settings)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        statuses.add(get(api, "/suggestions").statusCode());
      }
      // a burst of 5 passes (plus what drips away meanwhile: at 2 a second, at most 2 more)
      assertThat(statuses.subList(0, 5)).containsOnly(200);
      assertThat(statuses).contains(429);
      assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(5L, 7L);
      HttpResponse<String> refused = get(api, "/suggestions");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(error(refused)).contains("too many requests");
      Thread.sleep(1500);
      assertThat(get(api, "/suggestions").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theAccessLogHasOneLinePerRequestWithoutAddressOrQueryValues() throws Exception {
    ServedRun.write(dir);
    Path log = dir.resolve("access.log");
    ApiSettings settings = ApiSettings.open("127.0.0.1", 0).withAccessLog(log);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      get(api, "/zones/Z01/flows?from=2026-01-13T06:00:00Z&to=2026-01-13T07:00:00Z");
      get(api, "/zones/nowhere");
      List<String> lines = waitForLines(log, 2);
      assertThat(lines).hasSize(2);
      Pattern line =
          Pattern.compile(
              "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z client=[0-9a-f]{8} GET \\S+ \\d{3} \\d+B \\d+ms");
      assertThat(lines).allMatch(l -> line.matcher(l).matches(), "the documented form");
      assertThat(lines.get(0)).contains(" GET /zones/Z01/flows?from&to 200 ");
      assertThat(lines.get(1)).contains(" GET /zones/nowhere 404 ");
      assertThat(String.join("\n", lines))
          .doesNotContain("127.0.0.1")
          .doesNotContain("2026-01-13T06:00:00Z")
          .doesNotContain("06%3A00");
      // the same client, the same tag
      assertThat(lines.get(0).split(" ")[1]).isEqualTo(lines.get(1).split(" ")[1]);
    }
  }

  @Test
  void servesHttpsFromAPkcs12KeystoreWithHsts() throws Exception {
    ServedRun.write(dir);
    Path keystore = dir.resolve("serve.p12");
    String password = "test-password-1";
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "serve",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password)
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, password.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(tls).build();

    ApiSettings settings =
        ApiSettings.open("127.0.0.1", 0).withTls(new ApiSettings.Tls(keystore, password));
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      HttpResponse<String> answer =
          https.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.port() + "/zones/Z01"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(JsonLines.MAPPER.readTree(answer.body()).get("id").asText()).isEqualTo("Z01");
      assertThat(answer.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=31536000");
      assertThat(answer.sslSession()).isPresent();
    }
  }

  @Test
  void readyzSaysWhenTheIndicatorsAreStaleOrUnreadable() throws Exception {
    ServedRun.write(dir);
    Instant start = Instant.parse("2026-01-13T06:00:00Z");
    ServedRun.insertZoneFlow(dir, "Z01", start, Instant.now().minus(Duration.ofHours(2)));
    ApiSettings settings = ApiSettings.open("127.0.0.1", 0);
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      assertThat(get(api, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> stale = get(api, "/readyz");
      assertThat(stale.statusCode()).isEqualTo(503);
      JsonNode source = JsonLines.MAPPER.readTree(stale.body()).get("sources").get(0);
      assertThat(source.get("readable").asBoolean()).isTrue();
      assertThat(source.get("stale").asBoolean()).isTrue();
      assertThat(source.get("age_seconds").asLong()).isBetween(7200L, 7300L);
    }
    // written just now: ready, until the tables cannot be read any more
    ServedRun.insertZoneFlow(dir, "Z01", start.plusSeconds(300), Instant.now());
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api = service.start(settings)) {
      HttpResponse<String> ready = get(api, "/readyz");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(JsonLines.MAPPER.readTree(ready.body()).get("ready").asBoolean()).isTrue();

      Files.deleteIfExists(dir.resolve("flows.gpkg-wal"));
      Files.deleteIfExists(dir.resolve("flows.gpkg-shm"));
      Files.write(dir.resolve("flows.gpkg"), new byte[4096]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      HttpResponse<String> unreadable = get(api, "/readyz");
      while (unreadable.statusCode() == 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        unreadable = get(api, "/readyz");
      }
      assertThat(unreadable.statusCode()).isEqualTo(503);
      JsonNode source = JsonLines.MAPPER.readTree(unreadable.body()).get("sources").get(0);
      assertThat(source.get("readable").asBoolean()).isFalse();
      assertThat(source.get("source").asText()).isEqualTo("indicators");
      // open without a key: what failed and where stays in the server's log
      assertThat(source.get("error").asText())
          .isEqualTo("the last read failed (the server's log says why)");
      assertThat(unreadable.body()).doesNotContain(dir.toString()).doesNotContain("database");
    }
  }

  private static List<String> waitForLines(Path log, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    while (lines.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
    return lines;
  }

  private static String error(HttpResponse<String> answer) throws Exception {
    return JsonLines.MAPPER.readTree(answer.body()).get("error").asText();
  }

  private static URI uri(TravellerApi api, String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private static HttpResponse<String> get(TravellerApi api, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(api, path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
