package io.mobiflow.app.cli;

import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option of the production commands, read and validated. */
final class ConfigOption {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The YAML configuration (keys: see ConfigLoader).")
  Path file;

  MobiflowConfig load() throws ConfigException {
    return ConfigLoader.load(file);
  }
}
