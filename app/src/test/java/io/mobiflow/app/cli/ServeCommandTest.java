package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mobiflow.app.serve.ApiSettings;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code mobiflow serve}'s access and limit options: bad values are one line and exit 2; an address
 * other machines can reach needs API keys or an explicit flag (then a warning).
 */
class ServeCommandTest {

  private static final String KEY = "k3y-0123456789abcdef";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--host 0.0.0.0                | --host 0.0.0.0 can be reached from other machines",
        "--host no-such-host.invalid   | --host 'no-such-host.invalid' is not a known address",
        "--rate -1                     | --rate must be within 0..1000000",
        "--burst 0                     | --burst must be within 1..1000000",
        "--threads 2                   | --threads must be within 8..1000",
        "--max-connections 0           | --max-connections must be within 1..100000",
        "--max-connections-per-client 2000 | --max-connections-per-client must be within 1..1024",
        "--idle-timeout 0              | --idle-timeout must be within 1..3600",
        "--header-timeout 99999        | --header-timeout must be within 1..3600",
        "--ready-stale-after -5        | --ready-stale-after must be within 0..",
        "--max-streams 5000            | --max-streams must be within 0..1024",
        "--cors-origin *               | --cors-origin '*' is not an origin",
        "--cors-origin https://a.org/x | is not an origin like https://app.example.org",
        "--tls-keystore nowhere.p12    | --tls-keystore nowhere.p12 is not a file",
        "--tls-password-file pw        | --tls-password-file needs --tls-keystore",
        "--rate many                   | Invalid value for option '--rate'",
        "--metrics-port 70000          | --metrics-port must be within 0..65535",
        "--metrics-port 8080           | --metrics-port must differ from --port (8080)",
        "--metrics-port 9464 --metrics-host no-such-host.invalid"
            + " | --metrics-host 'no-such-host.invalid' is not a known address",
        "--metrics-host 0.0.0.0        | --metrics-host needs --metrics-port",
        "--metrics-port http           | Invalid value for option '--metrics-port'"
      })
  void answersBadValuesWithOneLineAndExitCode2(String arguments, String message) {
    String[] args = ("serve --from " + dir + " " + arguments.strip()).split(" +");
    assertThat(MobiflowCommand.execute(new PrintWriter(out), new PrintWriter(err), args))
        .isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains(message);
    assertThat(out.toString()).isEmpty();
  }

  /** A port another process holds is one line naming the address, and exit code 2. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "--port,         cannot serve on 127.0.0.1:",
    "--metrics-port, cannot serve metrics on 127.0.0.1:"
  })
  void aPortInUseIsOneLine(String option, String message) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      String[] args =
          option.equals("--port")
              ? new String[] {"serve", "--from", dir.toString(), "--port", "" + port}
              : new String[] {"serve", "--from", dir.toString(), "--port", "0", option, "" + port};
      int code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> MobiflowCommand.execute(new PrintWriter(out), new PrintWriter(err), args));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().lines())
          .singleElement()
          .asString()
          .startsWith("mobiflow serve: " + message + port + ": ");
    }
  }

  @Test
  void metricsAreOffUnlessAPortIsGivenAndListenOnLoopbackByDefault() throws Exception {
    assertThat(parse(Map.of()).metrics()).isNull();
    assertThat(parse(Map.of(), "--metrics-port", "9464").metrics())
        .isEqualTo(new ApiSettings.Metrics("127.0.0.1", 9464));
    assertThat(parse(Map.of(), "--metrics-port", "9464", "--metrics-host", "0.0.0.0").metrics())
        .isEqualTo(new ApiSettings.Metrics("0.0.0.0", 9464));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aRemoteAddressWithoutKeysNeedsTheFlagAndWarns() throws Exception {
    ApiSettings settings = parse(Map.of(), "--host", "0.0.0.0", "--allow-unauthenticated-remote");
    assertThat(settings.keys().required()).isFalse();
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("serve: warning: anyone who can reach 0.0.0.0");
  }

  @Test
  void keysComeFromAFileOrTheEnvironmentAndTheDefaultsAreOpenOnLoopback() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"), "# the control room\n" + KEY + "\n\n");
    ApiSettings fromFile = parse(Map.of(), "--host", "0.0.0.0", "--api-keys-file", keys.toString());
    assertThat(fromFile.keys().accepts(KEY)).isTrue();
    assertThat(err.toString()).contains("warning: API keys cross the network in clear text");

    ApiSettings fromEnvironment =
        parse(Map.of(ServeCommand.KEYS_VARIABLE, KEY + ",second-key-0123456789"));
    assertThat(fromEnvironment.keys().accepts("second-key-0123456789")).isTrue();

    err.getBuffer().setLength(0);
    ApiSettings defaults = parse(Map.of());
    assertThat(defaults.keys().required()).isFalse();
    assertThat(defaults.corsOrigins()).isEmpty();
    assertThat(defaults.tls()).isNull();
    assertThat(defaults.limits()).isEqualTo(ApiSettings.Limits.DEFAULT);
    assertThat(defaults.staleAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(err.toString()).isEmpty();

    assertThatThrownBy(() -> parse(Map.of(ServeCommand.KEYS_VARIABLE, "short")))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining(ServeCommand.KEYS_VARIABLE + ": an API key has 5 characters");
  }

  @Test
  void aKeysFileThatIsNotUtf8IsAUsageErrorSayingSo() throws Exception {
    Path keys = Files.write(dir.resolve("keys"), new byte[] {'k', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> parse(Map.of(), "--api-keys-file", keys.toString()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--api-keys-file: " + keys + " is not UTF-8 text");
  }

  @Test
  void theKeystorePasswordComesFromAFileOrTheEnvironment() throws Exception {
    Path keystore = keystore("k.p12", "secret");
    Path password = Files.writeString(dir.resolve("pw"), "secret\n");
    ApiSettings fromFile =
        parse(
            Map.of(),
            "--tls-keystore",
            keystore.toString(),
            "--tls-password-file",
            password.toString());
    assertThat(fromFile.tls().password()).isEqualTo("secret");
    assertThat(fromFile.tls().toString()).doesNotContain("secret");
    assertThat(
            parse(
                    Map.of(ServeCommand.TLS_PASSWORD_VARIABLE, "env"),
                    "--tls-keystore",
                    keystore("env.p12", "env").toString())
                .tls()
                .password())
        .isEqualTo("env");
    assertThatThrownBy(() -> parse(Map.of(), "--tls-keystore", keystore.toString()))
        .hasMessageContaining("needs its password");
  }

  @Test
  void aKeystoreItsPasswordDoesNotOpenIsAUsageErrorSayingSo() throws Exception {
    Path keystore = keystore("k.p12", "secret");
    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
    for (Path file : List.of(keystore, garbage)) {
      assertThatThrownBy(
              () ->
                  parse(
                      Map.of(ServeCommand.TLS_PASSWORD_VARIABLE, "wrong"),
                      "--tls-keystore",
                      file.toString()))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageStartingWith(
              "--tls-keystore " + file + " is not a PKCS12 keystore that its password opens");
    }
  }

  /** An empty PKCS12 keystore that {@code password} opens. */
  private Path keystore(String name, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void helpDocumentsTheOptions() {
    assertThat(
            MobiflowCommand.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--help"))
        .isZero();
    assertThat(out.toString())
        .contains("--api-keys-file", "--allow-unauthenticated-remote", "--tls-keystore")
        .contains("--cors-origin", "--rate", "--burst", "--access-log", "--max-streams")
        .contains("--header-timeout", "--ready-stale-after", ServeCommand.KEYS_VARIABLE);
  }

  private ApiSettings parse(Map<String, String> environment, String... args) throws Exception {
    ServeCommand command = new ServeCommand();
    command.environment = environment::get;
    new CommandLine(command).parseArgs(args);
    return command.settings(new PrintWriter(err, true));
  }
}
