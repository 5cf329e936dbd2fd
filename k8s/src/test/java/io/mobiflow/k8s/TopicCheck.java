package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KafkaTopics are the code's topics, both ways: one per raw topic of every {@link FeedKind},
 * per unit's flows, dead letters, suggestions and feed health, with the default names of the
 * configuration; each named as Strimzi needs (a DNS name for the object, the real name in {@code
 * spec.topicName}), with partitions, replicas, its cluster's label and the cleanup policy and
 * retention of {@code docs/topics.md}.
 */
final class TopicCheck {

  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern RETENTION_ROW =
      Pattern.compile("^\\| (.+?) \\| `([a-z,]+)` \\| (\\d+) ");
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

  private TopicCheck() {}

  /** Every topic the code reads or writes, under the configuration's default names. */
  static Set<String> codeTopics() {
    MobiflowConfig.Topics topics = MobiflowConfig.defaults().topics();
    Set<String> names = new TreeSet<>();
    for (FeedKind kind : FeedKind.values()) {
      names.add(topics.raw().topicOf(kind));
    }
    for (SpatialUnit unit : SpatialUnit.values()) {
      names.add(topics.flows(unit));
    }
    names.add(topics.deadLetters());
    names.add(topics.suggestions());
    names.add(topics.feedHealth());
    return names;
  }

  /** The problems of the render's KafkaTopics. */
  static List<Problem> check(Layout layout, Renders render) {
    List<Problem> problems = new ArrayList<>();
    Map<Pattern, String[]> retention = retention(layout);
    Set<String> expected = codeTopics();
    Set<String> found = new TreeSet<>();
    for (Manifest topic : render.ofKind("KafkaTopic")) {
      String name = topic.at("spec.topicName").asText("");
      found.add(name);
      if (!expected.contains(name)) {
        problems.add(
            layout.problem(topic, "spec.topicName", "'" + name + "' is not a topic of the code"));
        continue;
      }
      String dnsName = name.replace('.', '-').replace('_', '-');
      if (!topic.name().equals(dnsName) || !DNS_NAME.matcher(topic.name()).matches()) {
        problems.add(layout.problem(topic, "metadata.name", "must be " + dnsName));
      }
      if (topic.at("metadata.labels").path("strimzi.io/cluster").asText("").isEmpty()) {
        problems.add(layout.problem(topic, "metadata.labels.strimzi.io/cluster", "is missing"));
      }
      for (String field : List.of("spec.partitions", "spec.replicas")) {
        if (topic.at(field).asInt(0) < 1) {
          problems.add(layout.problem(topic, field, "must be at least 1"));
        }
      }
      String[] settings =
          retention.entrySet().stream()
              .filter(e -> e.getKey().matcher(name).matches())
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (settings == null) {
        problems.add(
            layout.problem(
                topic, "spec.topicName", name + " has no row in docs/topics.md's retention table"));
        continue;
      }
      JsonNode config = topic.at("spec.config");
      if (!config.path("cleanup.policy").asText("").equals(settings[0])) {
        problems.add(
            layout.problem(
                topic,
                "spec.config.cleanup.policy",
                "must be "
                    + settings[0]
                    + " (docs/topics.md), not "
                    + config.path("cleanup.policy").asText(null)));
      }
      if (!config.path("retention.ms").asText("").equals(settings[1])) {
        problems.add(
            layout.problem(
                topic,
                "spec.config.retention.ms",
                "must be "
                    + settings[1]
                    + " (docs/topics.md), not "
                    + config.path("retention.ms").asText(null)));
      }
    }
    for (String name : expected) {
      if (!found.contains(name)) {
        problems.add(
            new Problem(
                layout.name(layout.overlay(render.name())),
                "KafkaTopic",
                "spec.topicName",
                "topic " + name + " of the code has no KafkaTopic"));
      }
    }
    return problems;
  }

  /** The retention table of docs/topics.md: topic name pattern to cleanup policy and retention. */
  static Map<Pattern, String[]> retention(Layout layout) {
    List<String> lines;
    try {
      lines = Files.readAllLines(layout.topicsDoc());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Pattern, String[]> rows = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## Retention");
        continue;
      }
      Matcher row = RETENTION_ROW.matcher(line);
      if (inSection && row.find()) {
        Matcher names = TICKED.matcher(row.group(1));
        while (names.find()) {
          String regex =
              Pattern.quote(names.group(1))
                  .replace("*", "\\E[a-z0-9_]+\\Q")
                  .replace("<unit>", "\\E[a-z0-9-]+\\Q");
          rows.put(Pattern.compile(regex), new String[] {row.group(2), row.group(3)});
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException(layout.topicsDoc() + ": no retention table found");
    }
    return rows;
  }
}
