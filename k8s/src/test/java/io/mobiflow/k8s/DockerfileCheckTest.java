package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileCheckTest {

  @TempDir Path temp;

  @Test
  void theRealDockerfilesArePinnedNonRootAndCopyTheJarToTheJarUri() {
    assertThat(DockerfileCheck.check(Layout.real(), FlinkDeploymentCheck.JAR_URI)).isEmpty();
  }

  @Test
  void theFixturesDockerfilesAreRight() {
    assertThat(DockerfileCheck.check(Fixture.copy(temp), FlinkDeploymentCheck.JAR_URI)).isEmpty();
  }

  @Test
  void aJarCopiedElsewhereThanTheJarUriIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/images/job.Dockerfile",
        "/opt/flink/usrlib/mobiflow-jobs.jar",
        "/opt/flink/lib/mobiflow-jobs.jar");

    assertThat(DockerfileCheck.check(fixture, FlinkDeploymentCheck.JAR_URI))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/images/job.Dockerfile: : COPY: no COPY puts the job jar at /opt/flink/usrlib/mobiflow-jobs.jar (the FlinkDeployment's jarURI)");
  }

  @Test
  void aLatestBaseImageIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/images/app.Dockerfile",
        "eclipse-temurin:17.0.16_8-jre",
        "eclipse-temurin:latest");

    assertThat(DockerfileCheck.check(fixture, FlinkDeploymentCheck.JAR_URI))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/images/app.Dockerfile: : FROM (line 1): eclipse-temurin:latest is not pinned (latest)",
            "k8s/images/app.Dockerfile: : FROM (line 1): eclipse-temurin:latest is not a Java 17 runtime (eclipse-temurin 17 jre)");
  }

  @Test
  void anImageEndingAsRootIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/images/job.Dockerfile", "USER flink", "USER flink\nRUN true\nUSER 0:0");

    assertThat(DockerfileCheck.check(fixture, FlinkDeploymentCheck.JAR_URI))
        .extracting(Problem::toString)
        .containsExactly("k8s/images/job.Dockerfile: : USER: the image runs as 0:0");
  }

  @Test
  void aJobImageOfAnotherFlinkIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/images/job.Dockerfile",
        "flink:2.2.0-scala_2.12-java17",
        "flink:1.20.1-scala_2.12-java17");

    assertThat(DockerfileCheck.check(fixture, FlinkDeploymentCheck.JAR_URI))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/images/job.Dockerfile: : FROM (line 1): flink:1.20.1-scala_2.12-java17 is not Flink 2.2 on Java 17");
  }
}
