package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeCheckTest {

  @TempDir Path temp;

  @Test
  void theRealReadmesCommandsRender() {
    Layout real = Layout.real();
    assertThat(ReadmeCheck.paths(real)).contains("k8s/overlays/city", "k8s/overlays/region");
    assertThat(ReadmeCheck.check(real)).isEmpty();
  }

  @Test
  void theFixturesCommandsAreFoundInTheirSectionOnly() {
    Layout fixture = Fixture.copy(temp);
    // k8s/not-checked-here is in the next section
    assertThat(ReadmeCheck.paths(fixture))
        .containsExactly("k8s/overlays/city", "k8s/overlays/region");
    assertThat(ReadmeCheck.check(fixture)).isEmpty();
  }

  @Test
  void aCommandNamingAnOverlayThatDoesNotExistIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "README.md",
        "kubectl apply -k k8s/overlays/city",
        "kubectl apply -k k8s/overlays/town");

    assertThat(ReadmeCheck.check(fixture))
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .startsWith("README.md: : kubectl -k: k8s/overlays/town does not render: ")
        .contains("no kustomization.yaml");
  }

  @Test
  void aFileAppliedByTheK8sReadmeIsCheckedAsTheRendersAre() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/tools/loader.yaml",
        "        limits:\n          cpu: 200m\n",
        "        limits:\n");

    assertThat(ReadmeCheck.check(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/tools/loader.yaml: Pod/mobiflow-places-loader: spec.containers[loader].resources.limits.cpu: is missing");
  }
}
