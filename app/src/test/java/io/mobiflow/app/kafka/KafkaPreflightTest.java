package io.mobiflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.cli.MobiflowCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client properties the Kafka client itself refuses, before any broker is asked: {@code ingest} and
 * {@code run} exit 2 with one line naming the file, the key and Kafka's reason (the broker cases
 * are in {@link SecuredKafkaITCase}).
 */
class KafkaPreflightTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ingest | {security.protocol: SASL_TLS}                  | Invalid value SASL_TLS for configuration security.protocol",
        "run    | {security.protocol: SASL_TLS}                  | Invalid value SASL_TLS for configuration security.protocol",
        "run    | {security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512, sasl.jaas.config: 'password=x'} | not available in the JAAS config",
        "ingest | {security.protocol: SSL, ssl.truststore.location: nowhere.p12, ssl.truststore.password: x} | nowhere.p12"
      })
  void propertiesTheClientRefusesAreOneLine(String command, String properties, String reason)
      throws Exception {
    Files.writeString(
        dir.resolve("zones.geojson"),
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"id\":\"Z\",\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[0.7,45.1],[0.8,45.1],[0.8,45.2],[0.7,45.2],[0.7,45.1]]]}}]}");
    Path config =
        Files.writeString(
            dir.resolve("mobiflow.yaml"),
            "kafka: {bootstrap_servers: \"127.0.0.1:9\", properties: "
                + properties
                + "}\nplaces: {zones: zones.geojson}\n"
                + "feeds: [{id: f, kind: gtfs_rt_vehicle_positions, url: \"http://127.0.0.1:9/\"}]\n");
    int code =
        MobiflowCommand.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            command,
            "--config",
            config.toString());
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "mobiflow "
                + command
                + ": "
                + config
                + ": key 'kafka': the Kafka client refuses the settings: ")
        .contains(reason);
    assertThat(err.toString()).doesNotContain("\tat ");
  }
}
