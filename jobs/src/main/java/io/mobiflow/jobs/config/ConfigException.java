package io.mobiflow.jobs.config;

import java.io.IOException;

/** A configuration file that cannot be used: the message names the file and the key. */
public final class ConfigException extends IOException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
