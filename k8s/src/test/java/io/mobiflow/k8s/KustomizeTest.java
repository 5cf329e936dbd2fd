package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {

  @TempDir Path temp;

  @Test
  void rendersTheRegionOverlayOfTheFixture() throws IOException {
    Layout fixture = Fixture.copy(temp);
    Renders region = Renders.overlay(fixture, "region");

    // 3 objects of flink-deployment.yaml and serve.yaml's 4, the 23 topics, the generated ConfigMap
    assertThat(region.objects()).hasSize(1 + 23 + 4 + 1);
    for (Manifest m : region.objects()) {
      assertThat(m.at("metadata.namespace").asText()).as(m.id()).isEqualTo("mobiflow");
      assertThat(m.at("metadata.labels").path("app.kubernetes.io/part-of").asText())
          .as(m.id())
          .isEqualTo("mobiflow");
    }
    Manifest flink = region.find("FlinkDeployment", "mobiflow-zoneflow");
    assertThat(flink.at("spec.flinkConfiguration").path("high-availability.type").asText())
        .isEqualTo("kubernetes");
    assertThat(flink.at("spec.flinkConfiguration").path("s3.endpoint").asText())
        .isEqualTo("http://object-store.mobiflow.svc:9000");
    assertThat(flink.at("spec.jobManager.replicas").asInt()).isEqualTo(2);
    assertThat(flink.at("spec.jobManager.resource.memory").asText()).isEqualTo("2048m");
    assertThat(flink.at("spec.job.parallelism").asInt()).isEqualTo(8);
    Manifest serve = region.find("Deployment", "mobiflow-serve");
    assertThat(serve.at("spec.replicas").asInt()).isEqualTo(2);
    assertThat(serve.at("spec.template.spec.containers").get(0).path("image").asText())
        .isEqualTo("ghcr.io/mobiflow/mobiflow-app:0.1.1");
    assertThat(serve.at("spec.template.metadata.labels").has("app.kubernetes.io/part-of"))
        .as("labels without includeTemplates leave templates alone")
        .isFalse();
    Manifest config = region.find("ConfigMap", "mobiflow-config");
    assertThat(config.at("data").path("mobiflow.yaml").asText())
        .as("behavior: replace")
        .isEqualTo(Files.readString(fixture.overlay("region").resolve("mobiflow.yaml")));
    assertThat(config.file()).isEqualTo(fixture.overlay("region").resolve("kustomization.yaml"));
  }

  @Test
  void failsLoudlyOnAFeatureItDoesNotImplement() throws IOException {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/overlays/city/kustomization.yaml",
        "resources:",
        "commonLabels:\n  tier: x\nresources:");

    assertThatThrownBy(() -> Renders.overlay(fixture, "city"))
        .isInstanceOf(Kustomize.KustomizeException.class)
        .hasMessageContaining("'commonLabels' is not a feature this renderer implements");
  }

  @Test
  void refusesAListOfMappingsInAPatch() throws IOException {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/overlays/region/serve-replicas.yaml",
        "replicas: 2",
        "replicas: 2\n  template:\n    spec:\n      containers:\n        - name: serve\n          image: x:1");

    assertThatThrownBy(() -> Renders.overlay(fixture, "region"))
        .isInstanceOf(Kustomize.KustomizeException.class)
        .hasMessageContaining("'containers' is a list of mappings");
  }

  @Test
  void refusesAFileOutsideTheKustomizationsFolder() throws IOException {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/overlays/region/kustomization.yaml",
        "path: flink-ha.yaml",
        "path: ../../base/serve.yaml");

    assertThatThrownBy(() -> Renders.overlay(fixture, "region"))
        .isInstanceOf(Kustomize.KustomizeException.class)
        .hasMessageContaining("is outside the kustomization's folder");
  }

  /** Where kubectl is installed, its kustomize renders the same objects as this renderer. */
  @Test
  void rendersTheFixtureAsKubectlKustomize() throws Exception {
    rendersAsKubectl(Fixture.copy(temp));
  }

  /**
   * The fixture renders as {@code kubectl kustomize} (v1.32, kustomize v5.5) rendered it when its
   * output was recorded in {@code kubectl-render/}: checked on every machine, with or without
   * kubectl.
   */
  @Test
  void rendersTheFixtureAsKubectlRecordedIt() throws Exception {
    Layout layout = Fixture.copy(temp);
    Map<String, Path> dirs =
        Map.of(
            "city", layout.overlay("city"),
            "region", layout.overlay("region"),
            "monitoring", layout.monitoring());
    for (Map.Entry<String, Path> dir : dirs.entrySet()) {
      Path recorded = Path.of("src/test/resources/kubectl-render", dir.getKey() + ".yaml");
      List<Manifest> theirs =
          Yaml.documents(Files.readString(recorded)).stream()
              .map(doc -> new Manifest(recorded, doc))
              .toList();
      assertThat(byKey(Kustomize.render(dir.getValue()))).as(dir.getKey()).isEqualTo(byKey(theirs));
    }
  }

  /**
   * Where kubectl is installed, its kustomize renders k8s/ as this renderer does. kubectl cannot be
   * installed from Debian here, so on a machine without it this comparison is skipped; the recorded
   * render of the fixture above, and every other check of this module on the real files, still run.
   */
  @Test
  void rendersTheRealFilesAsKubectlKustomize() throws Exception {
    rendersAsKubectl(Layout.real());
  }

  private static void rendersAsKubectl(Layout layout) throws Exception {
    Path kubectl = kubectl();
    org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not on PATH");
    for (Path dir :
        List.of(layout.overlay("city"), layout.overlay("region"), layout.monitoring())) {
      Map<String, ObjectNode> ours = byKey(Kustomize.render(dir));
      Map<String, ObjectNode> theirs = byKey(kubectlRender(kubectl, dir));
      assertThat(ours.keySet()).as(dir.toString()).isEqualTo(theirs.keySet());
      for (String key : ours.keySet()) {
        assertThat(ours.get(key)).as(dir + " " + key).isEqualTo(theirs.get(key));
      }
    }
  }

  private static Map<String, ObjectNode> byKey(List<Manifest> objects) {
    Map<String, ObjectNode> byKey = new TreeMap<>();
    for (Manifest m : objects) {
      assertThat(byKey.put(m.key(), m.body())).as("twice: " + m.key()).isNull();
    }
    return byKey;
  }

  private static List<Manifest> kubectlRender(Path kubectl, Path dir) throws Exception {
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize " + dir).isZero();
    return Yaml.documents(new String(out, StandardCharsets.UTF_8)).stream()
        .map(doc -> new Manifest(dir, doc))
        .toList();
  }

  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
