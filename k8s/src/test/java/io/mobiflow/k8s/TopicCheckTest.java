package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicCheckTest {

  @TempDir Path temp;

  @Test
  void theCodesTopicsAreTheRawTopicsOfEveryKindAndTheOutputs() {
    // 14 feed kinds, 6 units, dead letters, suggestions, feed health
    assertThat(TopicCheck.codeTopics())
        .hasSize(14 + 6 + 3)
        .contains(
            "mobiflow.raw.gtfs_rt_vehicle_positions",
            "mobiflow.raw.counter_datex2",
            "mobiflow.zone-flows",
            "mobiflow.counter-site-flows",
            "mobiflow.dead-letters",
            "mobiflow.suggestions",
            "mobiflow.feed-health");
  }

  @Test
  void theRealTopicsAreTheCodes() {
    Layout real = Layout.real();
    for (String overlay : Layout.OVERLAYS) {
      assertThat(TopicCheck.check(real, Renders.overlay(real, overlay))).as(overlay).isEmpty();
    }
  }

  @Test
  void theFixturesTopicsAreTheCodes() {
    Layout fixture = Fixture.copy(temp);
    assertThat(TopicCheck.check(fixture, Renders.overlay(fixture, "city"))).isEmpty();
  }

  @Test
  void aMisspeltTopicIsAProblemBothWays() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/kafka-topics.yaml",
        "topicName: mobiflow.zone-flows",
        "topicName: mobiflow.zone-flow");

    assertThat(TopicCheck.check(fixture, Renders.overlay(fixture, "city")))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/kafka-topics.yaml: KafkaTopic/mobiflow-zone-flows: spec.topicName: 'mobiflow.zone-flow' is not a topic of the code",
            "k8s/overlays/city: KafkaTopic: spec.topicName: topic mobiflow.zone-flows of the code has no KafkaTopic");
  }

  @Test
  void aRetentionOtherThanTheDocsIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    // the dead letters' is the only 30-day delete topic: docs/topics.md gives it 2592000000
    Fixture.plant(
        fixture,
        "k8s/base/kafka-topics.yaml",
        "cleanup.policy: delete\n    retention.ms: 2592000000",
        "cleanup.policy: delete\n    retention.ms: 604800000");

    assertThat(TopicCheck.check(fixture, Renders.overlay(fixture, "city")))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/kafka-topics.yaml: KafkaTopic/mobiflow-dead-letters: spec.config.retention.ms: must be 2592000000 (docs/topics.md), not 604800000");
  }

  @Test
  void anObjectNameThatIsNotTheTopicsIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/kafka-topics.yaml",
        "name: mobiflow-feed-health",
        "name: mobiflow.feed-health");

    assertThat(TopicCheck.check(fixture, Renders.overlay(fixture, "city")))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/kafka-topics.yaml: KafkaTopic/mobiflow.feed-health: metadata.name: must be mobiflow-feed-health");
  }
}
