package io.mobiflow.jobs.store;

import io.mobiflow.jobs.testing.PostgisServer;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostGIS flows table written by the previous version (no suppression flags, no count of stops
 * not served) is brought up to date as a GeoPackage's is ({@link FlowTableUpgradeTest}), on a real
 * PostgreSQL server.
 */
class PostgisFlowTableUpgradeITCase {

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  @Test
  void aPostgisTableWithoutTheSuppressionFlagsOrACountGetsThem() throws Exception {
    try (Connection db = POSTGIS.connect()) {
      db.createStatement().execute("DROP TABLE IF EXISTS flows");
    }
    FlowTableUpgradeTest.upgradesATableOfThePreviousVersion(
        new PostgisStore(POSTGIS.url(), POSTGIS.user(), null), POSTGIS::connect);
  }
}
