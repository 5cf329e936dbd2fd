package io.mobiflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
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
