package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout, Path scratch) throws Exception {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(
          RunConfigCheck.check(
              layout,
              Renders.overlay(layout, overlay),
              Files.createDirectories(scratch.resolve(overlay))));
    }
    return problems;
  }

  @Test
  void theRealRunConfigurationLoadsAndAgreesWithTheFlinkDeployment() throws Exception {
    assertThat(all(Layout.real(), temp)).isEmpty();
  }

  @Test
  void theFixturesRunConfigurationLoadsOnTheMaterialisedVolumes() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Path scratch = temp.resolve("pods");
    assertThat(all(fixture, scratch)).isEmpty();
    // the ConfigMap and the places its YAML names, where the pod template mounts them
    assertThat(scratch.resolve("city/opt/mobiflow/conf/mobiflow.yaml")).exists();
    assertThat(scratch.resolve("city/opt/mobiflow/places/zones.geojson")).exists();
    assertThat(scratch.resolve("city/opt/mobiflow/places/gtfs.zip")).exists();
  }

  @Test
  void aKeyTheLoaderRefusesIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(fixture, "k8s/base/config/mobiflow.yaml", "  dir: s3://", "  dri: s3://");

    // the city's run YAML; the region has its own
    List<Problem> problems = all(fixture, temp.resolve("pods"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).file()).isEqualTo("k8s/base/kustomization.yaml");
    assertThat(problems.get(0).object()).isEqualTo("ConfigMap/mobiflow-config");
    assertThat(problems.get(0).field()).isEqualTo("data.mobiflow.yaml");
    assertThat(problems.get(0).message()).contains("dri").doesNotContain(temp.toString());
  }

  @Test
  void aSavepointFolderOtherThanFlinksIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(
        fixture,
        "k8s/base/config/mobiflow.yaml",
        "savepoint_dir: s3://mobiflow/savepoints",
        "savepoint_dir: s3://mobiflow/savepoint");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.flinkConfiguration.execution.checkpointing.savepoint-dir: s3://mobiflow/savepoints differs from the run YAML's checkpoints.savepoint_dir s3://mobiflow/savepoint")
        .hasSize(1);
  }

  @Test
  void aPlaceOffThePlacesVolumeIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(
        fixture,
        "k8s/base/config/mobiflow.yaml",
        "gtfs: ../places/gtfs.zip",
        "gtfs: ../data/gtfs.zip");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::message)
        .containsOnly(
            "places.gtfs: ../data/gtfs.zip is /opt/mobiflow/data/gtfs.zip, not on the places volume /opt/mobiflow/places")
        .hasSize(1);
  }

  @Test
  void aVariableTheContainerDoesNotSetIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(
        fixture,
        "k8s/base/config/mobiflow.yaml",
        "${env:MOBIFLOW_KAFKA_PASSWORD}",
        "${env:MOBIFLOW_KAFKA_PASSWROD}");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::message)
        .containsOnly(
            "the run YAML reads MOBIFLOW_KAFKA_PASSWROD, which the container does not set")
        .hasSize(1);
  }

  @Test
  void aConfigArgumentOffTheConfigMapIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "/opt/mobiflow/conf/mobiflow.yaml",
        "/opt/mobiflow/conf/run.yaml");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::field)
        .containsOnly("spec.job.args")
        .hasSize(2);
  }

  @Test
  void anotherLoaderWithoutThePseudonymKeyIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    // serve loads the run YAML too: its loader reads privacy.key_env at once
    Fixture.plant(
        fixture,
        "k8s/base/serve.yaml",
        "args: [\"serve\", \"--port\"",
        "args: [\"serve\", \"--config\", \"/opt/mobiflow/conf/mobiflow.yaml\", \"--port\"");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].env: loads the run YAML, whose privacy.key_env MOBIFLOW_PSEUDONYM_KEY it does not set")
        .hasSize(2);
  }

  @Test
  void aRegionWithoutIncrementalRocksDbIsAProblem() throws Exception {
    Layout fixture = Fixture.copy(temp.resolve("repo"));
    Fixture.plant(
        fixture, "k8s/overlays/region/mobiflow.yaml", "incremental: true", "incremental: false");

    assertThat(all(fixture, temp.resolve("pods")))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/overlays/region/kustomization.yaml: ConfigMap/mobiflow-config: data.mobiflow.yaml: the region keeps its state in RocksDB with incremental checkpoints, not rocksdb full");
  }
}
