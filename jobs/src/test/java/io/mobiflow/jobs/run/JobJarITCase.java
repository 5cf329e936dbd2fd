package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.VelibBackfillOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar ({@code target/mobiflow-jobs-*-job.jar}, built by the shade plugin at {@code
 * package}) is what a cluster needs: its entry point is {@link ZoneFlowMain}, protobuf is
 * relocated, and it carries neither the application (command line, HTTP server) nor what the
 * cluster provides (Flink, its RocksDB state backend, logging). Run with only the provided class
 * path beside it, as a TaskManager would, it backfills the real Vélib' station_status file of a
 * YAML configuration into station and zone flows, its state in RocksDB.
 */
class JobJarITCase {

  private static final Path VELIB =
      Path.of("../connectors/src/test/resources/real/gbfs/velib-paris");
  private static final Path ARRONDISSEMENTS =
      Path.of("../geodata/src/test/resources/zones/paris-arrondissements.geojson");
  private static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars = files.filter(p -> p.toString().endsWith("-job.jar")).toList();
      assertThat(jars).as("the job jar in target/ (built at package)").hasSize(1);
      jar = jars.get(0).toAbsolutePath();
    }
  }

  @Test
  void theJobJarHasItsEntryPointAndRelocatedProtobufButNoAppNoFlinkNoLogging() throws IOException {
    assertThat(Files.readString(Path.of("target/provided-classpath.txt")))
        .as("the cluster's class path")
        .contains("flink-statebackend-rocksdb-")
        .contains("frocksdbjni-");
    try (JarFile job = new JarFile(jar.toFile())) {
      assertThat(job.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(ZoneFlowMain.class.getName());
      List<String> entries = job.stream().map(ZipEntry::getName).toList();
      assertThat(entries)
          .contains("io/mobiflow/jobs/run/ZoneFlowMain.class")
          .anyMatch(name -> name.startsWith("io/mobiflow/shaded/protobuf/"))
          .anyMatch(name -> name.startsWith("io/mobiflow/shaded/jackson/"))
          .anyMatch(name -> name.startsWith("org/apache/flink/connector/kafka/"))
          .noneMatch(name -> name.startsWith("com/google/protobuf/"))
          .noneMatch(name -> name.startsWith("com/fasterxml/jackson/"))
          .noneMatch(name -> name.startsWith("picocli/"))
          .noneMatch(name -> name.startsWith("org/eclipse/jetty/"))
          .noneMatch(name -> name.startsWith("io/mobiflow/app/"))
          .noneMatch(name -> name.startsWith("org/apache/flink/streaming/api/environment/"))
          .noneMatch(name -> name.startsWith("org/apache/flink/state/rocksdb/"))
          .noneMatch(name -> name.startsWith("org/rocksdb/"))
          .noneMatch(name -> name.startsWith("org/apache/logging/"))
          .noneMatch(name -> name.endsWith("module-info.class"));
    }
  }

  @Test
  void theJobJarOnTheProvidedClassPathBackfillsAVelibFileIntoStationAndZoneFlows()
      throws Exception {
    gunzip(VELIB.resolve("station_information.json.gz"), dir.resolve("station_information.json"));
    gunzip(VELIB.resolve("station_status.json.gz"), dir.resolve("station_status.json"));
    Files.copy(ARRONDISSEMENTS, dir.resolve("arrondissements.geojson"));
    Path config =
        Files.writeString(
            dir.resolve("backfill.yaml"),
            """
            places:
              zones: arrondissements.geojson
              zone_id_property: c_ar
              zone_name_property: l_ar
              stations: station_information.json
            sources:
              files:
                - {path: station_status.json, kind: gbfs_station_status, feed_id: velib}
            outputs:
              json_lines: out
              units: [zone, station]
            checkpoints:
              state_backend: rocksdb
            """);

    Process run = java("--config", config.toString(), "--bounded");
    String output = Files.readString(dir.resolve("output.txt"));
    assertThat(run.exitValue()).as(output).isZero();

    VelibBackfillOutputs.assertEachStationAsInTheFile(dir);
  }

  @Test
  void aMissingConfigurationIsOneLineAndExitCodeTwo() throws Exception {
    Process run = java("--config", dir.resolve("missing.yaml").toString());
    String output = Files.readString(dir.resolve("output.txt"));
    assertThat(run.exitValue()).as(output).isEqualTo(2);
    assertThat(output.lines()).hasSize(1).allMatch(line -> line.contains("missing.yaml"));
  }

  /** Runs ZoneFlowMain from the job jar and the provided class path; output in output.txt. */
  private Process java(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("--add-opens"))
        .forEach(command::add);
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(jar + ":" + Files.readString(Path.of("target/provided-classpath.txt")).strip());
    command.add(ZoneFlowMain.class.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("ZoneFlowMain still running after 5 minutes");
    }
    return process;
  }

  private static void gunzip(Path gz, Path target) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, target);
    }
  }
}
