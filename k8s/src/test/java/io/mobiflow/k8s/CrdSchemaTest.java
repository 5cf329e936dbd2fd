package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdSchemaTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(
          CrdSchema.flinkDeployment().check(layout, Renders.overlay(layout, overlay).objects()));
    }
    return problems;
  }

  @Test
  void theRealFlinkDeploymentsFollowTheOperatorsSchema() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void theFixturesFlinkDeploymentFollowsTheOperatorsSchema() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  /** The model reads "2" as 2.0; the API server refuses a string where the schema has a number. */
  @Test
  void aQuotedNumberIsAProblemOfTheSchemaOnly() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "      memory: 4096m\n      cpu: 2",
        "      memory: 4096m\n      cpu: \"2\"");

    assertThat(Models.check(fixture, Renders.overlay(fixture, "city").objects())).isEmpty();
    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.taskManager.resource.cpu: must be a number, not \"2\"",
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.taskManager.resource.cpu: must be a number, not \"2\"");
  }

  @Test
  void aValueOutsideAnEnumIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "upgradeMode: savepoint",
        "upgradeMode: snapshot");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsExactly("spec.job.upgradeMode", "spec.job.upgradeMode");
  }
}
