package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after the jobs module packaged the job jar (an integration test, as it needs the jar). */
class ManifestsJobJarITCase {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(
          JobJarCheck.check(layout, Renders.overlay(layout, overlay), JobJarCheck.builtJar()));
    }
    return problems;
  }

  @Test
  void theRealManifestsRunTheBuiltJobJar() {
    assertThat(JobJarCheck.builtJar()).exists();
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void theFixtureRunsTheBuiltJobJar() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void aWrongMainClassIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "io.mobiflow.jobs.run.ZoneFlowMain",
        "io.mobiflow.jobs.ZoneFlowMain");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.job.entryClass: 'io.mobiflow.jobs.ZoneFlowMain' is not a class of the job jar "
                + JobJarCheck.builtJar().getFileName())
        .hasSize(2);
  }

  @Test
  void aDockerfileCopyingAnotherJarIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/images/job.Dockerfile", "mobiflow-jobs-*-job.jar", "mobiflow-jobs-*.jar.bak");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/images/job.Dockerfile: : COPY: no COPY takes the built jobs/target/"
                + JobJarCheck.builtJar().getFileName()
                + " to /opt/flink/usrlib/mobiflow-jobs.jar")
        .hasSize(2);
  }
}
