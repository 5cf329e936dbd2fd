package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(SecretCheck.check(layout, Renders.overlay(layout, overlay)));
    }
    return problems;
  }

  @Test
  void theRealManifestsReferenceSecretsOnly() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void theFixtureReferencesSecretsOnly() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void aPasswordInAnEnvironmentVariableIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/serve.yaml",
        "              valueFrom:\n                secretKeyRef:\n                  name: mobiflow-postgres\n                  key: password\n",
        "              value: hunter2\n");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].env[MOBIFLOW_POSTGRES_PASSWORD].value: a secret by value: take it from a secretKeyRef")
        .hasSize(2);
  }

  @Test
  void aPasswordInTheRunYamlIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/config/mobiflow.yaml",
        "password=\"${env:MOBIFLOW_KAFKA_PASSWORD}\"",
        "password=\"hunter2\"");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/kustomization.yaml: ConfigMap/mobiflow-config: data.mobiflow.yaml: kafka.properties.sasl.jaas.config holds a secret by value: reference it (*_env, ${env:…})")
        .hasSize(1);
  }

  @Test
  void aSecretWithDataIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/serve.yaml",
        "apiVersion: v1\nkind: Service",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\ndata:\n  password: aHVudGVyMg==\n---\napiVersion: v1\nkind: Service");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/base/serve.yaml: Secret/leaked: data: a Secret's values are never in the repository: create it with kubectl create secret")
        .hasSize(2);
  }

  @Test
  void anS3KeyInFlinksConfigurationIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "    s3.path.style.access: \"true\"",
        "    s3.path.style.access: \"true\"\n    s3.secret-key: hunter2");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsOnly("spec.flinkConfiguration.s3.secret-key")
        .hasSize(2);
  }
}
