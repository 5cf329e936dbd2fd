package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian packages integration tests need (a PostgreSQL/PostGIS server, GDAL's tools), installed
 * by {@code testing/install-debian-packages.sh} when missing.
 */
public final class DebianPackages {

  private DebianPackages() {}

  /** Installs the packages not installed yet; fails with the script's message otherwise. */
  public static void install(String... packages) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("bash", "../testing/install-debian-packages.sh"));
    command.addAll(List.of(packages));
    Path log = Files.createTempFile("mobiflow-apt-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "cannot install " + String.join(" ", packages) + ": " + Files.readString(log));
    }
  }

  /** Runs GDAL's {@code ogrinfo} with {@code args}; returns what it printed. */
  public static String ogrinfo(String... args) throws IOException, InterruptedException {
    install("gdal-bin");
    List<String> command = new ArrayList<>(List.of("ogrinfo"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("ogrinfo " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }
}
