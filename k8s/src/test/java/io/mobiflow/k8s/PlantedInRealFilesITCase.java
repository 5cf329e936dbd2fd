package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two planted mistakes, in a copy of the real {@code k8s/}: a wrong main class and a
 * misspelt topic each give exactly their problem, and the unchanged copy none.
 */
class PlantedInRealFilesITCase {

  @TempDir Path temp;

  private static List<Problem> jarAndTopics(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      Renders render = Renders.overlay(layout, overlay);
      problems.addAll(JobJarCheck.check(layout, render, JobJarCheck.builtJar()));
      problems.addAll(TopicCheck.check(layout, render));
    }
    return problems;
  }

  @Test
  void theCopyHasNoProblem() {
    assertThat(jarAndTopics(Fixture.copyReal(temp))).isEmpty();
  }

  @Test
  void aWrongMainClassInTheRealFlinkDeploymentIsAProblem() {
    Layout copy = Fixture.copyReal(temp);
    Fixture.plant(
        copy,
        "k8s/base/flink-deployment.yaml",
        "io.mobiflow.jobs.run.ZoneFlowMain",
        "io.mobiflow.jobs.run.ZoneflowMain");

    assertThat(jarAndTopics(copy))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.job.entryClass: 'io.mobiflow.jobs.run.ZoneflowMain' is not a class of the job jar "
                + JobJarCheck.builtJar().getFileName())
        .hasSize(2);
  }

  @Test
  void aMisspeltTopicInTheRealKafkaTopicsIsAProblem() {
    Layout copy = Fixture.copyReal(temp);
    Fixture.plant(
        copy,
        "k8s/base/kafka-topics.yaml",
        "topicName: mobiflow.zone-flows\n",
        "topicName: mobiflow.zone-flow\n");

    List<Problem> problems = jarAndTopics(copy);
    assertThat(problems)
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/kafka-topics.yaml: KafkaTopic/mobiflow-zone-flows: spec.topicName: 'mobiflow.zone-flow' is not a topic of the code",
            "k8s/overlays/city: KafkaTopic: spec.topicName: topic mobiflow.zone-flows of the code has no KafkaTopic",
            "k8s/overlays/region: KafkaTopic: spec.topicName: topic mobiflow.zone-flows of the code has no KafkaTopic")
        .hasSize(4);
  }
}
