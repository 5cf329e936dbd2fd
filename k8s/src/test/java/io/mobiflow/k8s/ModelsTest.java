package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(Models.check(layout, Renders.overlay(layout, overlay).objects()));
    }
    return problems;
  }

  @Test
  void everyObjectOfTheRealOverlaysParsesWithItsModel() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void everyObjectOfTheFixtureParsesAndTheModelsReadItsValues() {
    Layout fixture = Fixture.copy(temp);
    assertThat(all(fixture)).isEmpty();

    Renders city = Renders.overlay(fixture, "city");
    FlinkDeployment flink =
        Models.read(city.find("FlinkDeployment", "mobiflow-zoneflow"), FlinkDeployment.class);
    assertThat(flink.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(flink.getSpec().getJob().getArgs())
        .containsExactly("--config", "/opt/mobiflow/conf/mobiflow.yaml");
    assertThat(flink.getSpec().getTaskManager().getResource().getCpu()).isEqualTo(2.0);
    KafkaTopic topic =
        Models.read(city.find("KafkaTopic", "mobiflow-suggestions"), KafkaTopic.class);
    assertThat(topic.getSpec().getConfig()).containsEntry("cleanup.policy", "compact,delete");
  }

  @Test
  void aMisspeltFieldOfTheFlinkDeploymentIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/flink-deployment.yaml", "    upgradeMode:", "    upgradeMod:");

    assertThat(Models.check(fixture, Renders.overlay(fixture, "city").objects()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("k8s/base/flink-deployment.yaml");
              assertThat(p.object()).isEqualTo("FlinkDeployment/mobiflow-zoneflow");
              assertThat(p.field()).isEqualTo("spec.job.upgradeMod");
              assertThat(p.message()).contains("Unrecognized field \"upgradeMod\"");
            });
  }

  /** Built-in models keep unknown fields aside; the strict mapper refuses them as the API would. */
  @Test
  void aMisspeltFieldOfABuiltInKindIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/serve.yaml", "minAvailable: 1", "minAvailble: 1");

    assertThat(Models.check(fixture, Renders.overlay(fixture, "city").objects()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.object()).isEqualTo("PodDisruptionBudget/mobiflow-serve");
              assertThat(p.field()).isEqualTo("spec.minAvailble");
            });
  }

  @Test
  void aMisspeltFieldOfAKafkaTopicIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/kafka-topics.yaml",
        "  topicName: mobiflow.feed-health",
        "  topicNme: mobiflow.feed-health");

    assertThat(Models.check(fixture, Renders.overlay(fixture, "city").objects()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.object()).isEqualTo("KafkaTopic/mobiflow-feed-health");
              assertThat(p.field()).isEqualTo("spec.topicNme");
            });
  }
}
