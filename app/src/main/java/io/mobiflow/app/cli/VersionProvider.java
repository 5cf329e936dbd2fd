package io.mobiflow.app.cli;

import picocli.CommandLine;

/** The version from the jar manifest (the Maven project version), and the Flink version. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = MobiflowCommand.class.getPackage().getImplementationVersion();
    String flink = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
    return new String[] {
      "mobiflow " + (version == null ? "development build" : version),
      "Apache Flink " + flink + ", Java " + System.getProperty("java.version")
    };
  }
}
