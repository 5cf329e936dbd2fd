package io.mobiflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code outputs:} section: where the flow tables are, as data, and the units they hold. */
class OutputsConfigTest {

  @TempDir Path dir;

  private static final String RUN =
      """
      places: {zones: zones.geojson}
      sources: {snapshots: recorded}
      """;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), "{}");
    Files.createDirectories(dir.resolve("recorded"));
  }

  @Test
  void theFlowTablesAreWhereTheConfigurationSays() throws Exception {
    assertThat(load(RUN + "outputs: {json_lines: out}\n").outputs().flowTables())
        .isEqualTo(new FlowTables.GeoPackageFile(dir.resolve("out/flows.gpkg")));
    assertThat(load(RUN + "outputs: {geopackage: tables/f.gpkg}\n").outputs().flowTables())
        .isEqualTo(new FlowTables.GeoPackageFile(dir.resolve("tables/f.gpkg")));
    assertThat(
            load(RUN
                    + "outputs: {json_lines: out, postgres: {url: 'jdbc:postgresql://db:5432/m',"
                    + " user: u, password: p}}\n")
                .outputs()
                .flowTables())
        .isEqualTo(new FlowTables.Postgis("jdbc:postgresql://db:5432/m", "u", "p"));
  }

  @Test
  void thePostgresPasswordMayBeNamedByItsEnvironmentVariable() throws Exception {
    String postgres = "outputs: {json_lines: out, postgres: {url: 'jdbc:postgresql://db:5432/m',";
    assertThat(
            load(RUN + postgres + " user: u, password_env: PG_SECRET}}\n").outputs().flowTables())
        .isEqualTo(new FlowTables.Postgis("jdbc:postgresql://db:5432/m", "u", null, "PG_SECRET"));
    assertThatThrownBy(
            () -> load(RUN + postgres + " user: u, password: p, password_env: PG_SECRET}}\n"))
        .hasMessageContaining(
            "key 'outputs.postgres.password_env' and password exclude each other: choose one");
  }

  /**
   * The job graph carries the variable's name, never its value: a sink's store serialized, as a job
   * submission ships it, holds no byte of the password. The password is an environment variable
   * this JVM has (the tests cannot set one), its longest value.
   */
  @Test
  void theJobGraphCarriesTheVariableNotThePassword() throws Exception {
    Map.Entry<String, String> variable =
        System.getenv().entrySet().stream()
            .max(Comparator.comparingInt(e -> e.getValue().length()))
            .orElseThrow();
    assertThat(variable.getValue()).hasSizeGreaterThan(8);
    FlowTables tables =
        load(RUN
                + "outputs: {json_lines: out, postgres: {url: 'jdbc:postgresql://db:5432/m',"
                + " user: u, password_env: "
                + variable.getKey()
                + "}}\n")
            .outputs()
            .flowTables();
    byte[] shipped = InstantiationUtil.serializeObject(FlowStores.open(tables));
    String text = new String(shipped, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(variable.getKey()).doesNotContain(variable.getValue());
    assertThat(tables.toString()).doesNotContain(variable.getValue());
  }

  /** An unset variable is a one-line error where the connection opens, naming the variable. */
  @Test
  void anUnsetPasswordVariableIsNamedWhereTheConnectionOpens() {
    String unset = "MOBIFLOW_TEST_UNSET_" + System.nanoTime();
    assertThat(System.getenv(unset)).isNull();
    FlowStore store =
        FlowStores.open(
            new FlowTables.Postgis("jdbc:postgresql://127.0.0.1:9/m", "u", null, unset));
    assertThatThrownBy(store::connect)
        .isInstanceOf(SQLException.class)
        .hasMessage(
            "the environment variable "
                + unset
                + " (outputs.postgres.password_env) is not set in this process");
  }

  @Test
  void flowTableUnitsDefaultToTheUnitsAndAlwaysHoldZones() throws Exception {
    MobiflowConfig.Outputs same = load(RUN + "outputs: {json_lines: out, units: [h3]}\n").outputs();
    assertThat(same.units()).containsExactly(SpatialUnit.ZONE, SpatialUnit.H3);
    assertThat(same.flowTableUnits()).containsExactly(SpatialUnit.ZONE, SpatialUnit.H3);

    MobiflowConfig.Outputs apart =
        load(RUN + "outputs: {json_lines: out, flow_table_units: [stop, counter-site]}\n")
            .outputs();
    assertThat(apart.units()).containsExactly(SpatialUnit.ZONE);
    assertThat(apart.flowTableUnits())
        .isEqualTo(EnumSet.of(SpatialUnit.ZONE, SpatialUnit.STOP, SpatialUnit.COUNTER_SITE));
  }

  @Test
  void aBadFlowTableUnitNamesItsKey() {
    assertThatThrownBy(() -> load(RUN + "outputs: {json_lines: out, flow_table_units: [moon]}\n"))
        .hasMessageContaining("key 'outputs.flow_table_units' ");
  }

  private MobiflowConfig load(String yaml) throws Exception {
    return ConfigLoader.load(Files.writeString(dir.resolve("run.yaml"), yaml));
  }
}
