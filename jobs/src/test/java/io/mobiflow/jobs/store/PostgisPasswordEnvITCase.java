package io.mobiflow.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.testing.PostgisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * {@code outputs.postgres.password_env} against a real PostgreSQL that asks the role {@code writer}
 * for its password (SCRAM-SHA-256; the test server trusts its other roles): the store connects with
 * the value of the variable the configuration names, read when it connects, and a variable holding
 * something else is refused by the server. A test cannot set an environment variable, so the role's
 * password is the value of one this JVM has (the longest).
 */
class PostgisPasswordEnvITCase {

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  private static final String ROLE = "writer";

  private static Map.Entry<String, String> password;
  private static Map.Entry<String, String> other;

  @TempDir Path dir;

  @BeforeAll
  static void aRoleThatNeedsItsPassword() throws Exception {
    List<Map.Entry<String, String>> variables =
        System.getenv().entrySet().stream()
            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()))
            .toList();
    password = variables.get(variables.size() - 1);
    other = variables.get(variables.size() - 2);
    assertThat(password.getValue()).isNotEqualTo(other.getValue()).hasSizeGreaterThan(8);
    try (Connection db = POSTGIS.connect();
        Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE ROLE "
              + ROLE
              + " LOGIN SUPERUSER PASSWORD '"
              + password.getValue().replace("'", "''")
              + "'");
      String hba;
      try (ResultSet row = sql.executeQuery("SHOW hba_file")) {
        row.next();
        hba = row.getString(1);
      }
      sql.execute(
          "COPY (SELECT line FROM (VALUES (1, 'local all all trust'),"
              + " (2, 'host all "
              + ROLE
              + " 127.0.0.1/32 scram-sha-256'), (3, 'host all all 127.0.0.1/32 trust'))"
              + " AS hba (n, line) ORDER BY n) TO '"
              + hba
              + "'");
      sql.execute("SELECT pg_reload_conf()");
    }
  }

  @Test
  void theStoreConnectsWithThePasswordOfTheNamedVariable() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("run.yaml"),
            """
            places: {zones: zones.geojson}
            sources: {snapshots: recorded}
            outputs:
              json_lines: out
              postgres: {url: '%s', user: %s, password_env: %s}
            """
                .formatted(POSTGIS.url(), ROLE, password.getKey()));
    Files.writeString(dir.resolve("zones.geojson"), "{}");
    Files.createDirectories(dir.resolve("recorded"));
    FlowStore store = FlowStores.open(ConfigLoader.load(config).outputs().flowTables());

    Zone zone =
        new Zone(
            "Z1",
            "one",
            Wgs84.GEOMETRY_FACTORY.createPoint(new Coordinate(2.35, 48.85)).buffer(0.01));
    store.prepare(List.of(zone));
    assertThat(store.readZones()).extracting(Zone::id).containsExactly("Z1");
    try (Connection db = store.connect();
        ResultSet row = db.createStatement().executeQuery("SELECT current_user")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo(ROLE);
    }
  }

  @Test
  void anotherPasswordIsRefusedByTheServer() {
    FlowStore byVariable =
        FlowStores.open(new FlowTables.Postgis(POSTGIS.url(), ROLE, null, other.getKey()));
    assertThatThrownBy(byVariable::connect)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed for user \"" + ROLE + "\"");
    FlowStore none = FlowStores.open(new FlowTables.Postgis(POSTGIS.url(), ROLE, null));
    assertThatThrownBy(none::connect).isInstanceOf(SQLException.class);
  }
}
