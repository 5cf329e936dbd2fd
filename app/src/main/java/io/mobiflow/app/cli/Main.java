package io.mobiflow.app.cli;

/** Entry point of the {@code mobiflow} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(MobiflowCommand.execute(args));
  }
}
