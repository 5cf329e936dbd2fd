package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * TLS files for a test server on 127.0.0.1, generated at test time with the JDK's {@code keytool}
 * (nothing with a private key is committed): a PKCS12 keystore holding a self-signed key pair whose
 * certificate names {@code IP:127.0.0.1} (so hostname verification passes), a truststore holding
 * that certificate, and a truststore holding an unrelated certificate (a client using it must not
 * trust the server). One password for all three.
 *
 * @param keystore the server's key pair and certificate
 * @param truststore trusts the server
 * @param untrustedTruststore trusts someone else
 * @param password of the three stores and of the key
 */
public record TestCertificates(
    Path keystore, Path truststore, Path untrustedTruststore, String password) {

  /** Generates the three stores in {@code dir} (created if needed). */
  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String password = "store-" + UUID.randomUUID();
    TestCertificates files =
        new TestCertificates(
            dir.resolve("server.p12"),
            dir.resolve("truststore.p12"),
            dir.resolve("untrusted-truststore.p12"),
            password);
    Path stranger = dir.resolve("stranger.p12");
    files.keyPair(files.keystore(), "server", "CN=127.0.0.1");
    files.keyPair(stranger, "stranger", "CN=stranger");
    files.trust(files.keystore(), "server", files.truststore(), dir.resolve("server.pem"));
    files.trust(stranger, "stranger", files.untrustedTruststore(), dir.resolve("stranger.pem"));
    return files;
  }

  private void keyPair(Path store, String alias, String name)
      throws IOException, InterruptedException {
    keytool(
        dir(store),
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        name,
        "-ext",
        "SAN=IP:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
  }

  /** Exports {@code alias}'s certificate from {@code from} into the truststore {@code to}. */
  private void trust(Path from, String alias, Path to, Path pem)
      throws IOException, InterruptedException {
    keytool(
        dir(from),
        "-exportcert",
        "-rfc",
        "-alias",
        alias,
        "-keystore",
        from.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
    keytool(
        dir(from),
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        pem.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        to.toString(),
        "-storepass",
        password);
  }

  private static Path dir(Path file) {
    return file.toAbsolutePath().getParent();
  }

  private static void keytool(Path dir, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Path log = dir.resolve("keytool.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "keytool " + arguments[0] + " failed: " + Files.readString(log).strip());
    }
  }
}
