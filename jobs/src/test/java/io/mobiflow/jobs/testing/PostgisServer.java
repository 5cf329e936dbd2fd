package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 server with PostGIS for integration tests: Debian's packages (installed by
 * {@link DebianPackages} when missing), a fresh cluster in a temporary directory ({@code initdb}),
 * listening on 127.0.0.1 and a free port, a database {@code mobiflow} with the {@code postgis}
 * extension; stopped after the test class. As root, the server runs as the {@code postgres} user
 * (PostgreSQL refuses root). No mocks, no Docker.
 */
public final class PostgisServer implements BeforeAllCallback, AfterAllCallback {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private Path dir;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    DebianPackages.install("postgresql-15", "postgresql-15-postgis-3");
    dir = Files.createTempDirectory("mobiflow-postgres-");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), null);
    }
    port = freePort();
    Path data = dir.resolve("data");
    run(
        asServerUser(
            root,
            BIN.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "mobiflow",
            "--auth=trust",
            "-E",
            "UTF8"),
        dir.resolve("initdb.log"));
    run(
        asServerUser(
            root,
            BIN.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off",
            "-w",
            "-t",
            String.valueOf(START_TIMEOUT.toSeconds()),
            "start"),
        dir.resolve("pg_ctl.log"));
    try (Connection db = DriverManager.getConnection(url("postgres"), "mobiflow", "");
        Statement sql = db.createStatement()) {
      sql.execute("CREATE DATABASE mobiflow");
    }
    try (Connection db = connect();
        Statement sql = db.createStatement()) {
      sql.execute("CREATE EXTENSION postgis");
    }
  }

  /** The JDBC URL of the test database. */
  public String url() {
    return url("mobiflow");
  }

  /** The user (trusted, no password). */
  public String user() {
    return "mobiflow";
  }

  /** A new connection to the test database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), "");
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dir != null) {
      boolean root = "root".equals(System.getProperty("user.name"));
      run(
          asServerUser(
              root,
              BIN.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "fast",
              "-w",
              "stop"),
          dir.resolve("pg_ctl-stop.log"));
    }
  }

  private static List<String> asServerUser(boolean root, String... command) {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    return line;
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (log != null) {
      builder.redirectOutput(log.toFile());
    } else {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      String output = log != null && Files.exists(log) ? Files.readString(log) : "";
      throw new IllegalStateException(
          String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
