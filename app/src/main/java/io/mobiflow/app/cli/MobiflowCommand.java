package io.mobiflow.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mobiflow} command and its exit-code policy. */
@Command(
    name = "mobiflow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Streaming mobility analytics: GTFS-Realtime, GBFS and traffic counters joined over"
            + " spatial windows on Apache Flink.",
    subcommands = {
      DemoCommand.class,
      InspectCommand.class,
      RecordCommand.class,
      IngestCommand.class,
      RunCommand.class,
      QueryCommand.class,
      ServeCommand.class,
      ClusterCommand.class
    })
public final class MobiflowCommand implements Runnable {

  /** Exit code for bad arguments and bad or missing files. */
  public static final int USAGE_ERROR = 2;

  /** Exit code for a failure that is not the user's input. */
  public static final int FAILURE = 1;

  /**
   * The highest parallelism of a job on the local cluster ({@code run}, {@code demo}): at 16 its
   * default network memory (2,048 buffers) no longer holds the job's exchanges, and the job would
   * restart forever.
   */
  static final int MAX_LOCAL_PARALLELISM = 8;

  private static final Logger LOG = LoggerFactory.getLogger(MobiflowCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line with these arguments and returns the exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line, writing to the given streams, and returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new MobiflowCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          String command = e.getCommandLine().getCommandName();
          err.println(
              command
                  + ": "
                  + e.getMessage()
                  + " (see '"
                  + qualifiedName(e.getCommandLine())
                  + " --help')");
          return USAGE_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          Throwable cause = rootCause(e);
          boolean usersInput =
              cause instanceof IOException
                  || cause instanceof UncheckedIOException
                  || cause instanceof IllegalArgumentException
                  || cause instanceof DateTimeParseException;
          LOG.error("{} failed", qualifiedName(cmd), e);
          err.println(qualifiedName(cmd) + ": " + describe(cause));
          return usersInput ? USAGE_ERROR : FAILURE;
        });
    return commandLine.execute(args);
  }

  private static String qualifiedName(CommandLine commandLine) {
    return commandLine.getCommandSpec().qualifiedName();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (cause instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + message;
    }
    if (cause instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + message;
    }
    if (cause instanceof java.nio.file.FileAlreadyExistsException
        || cause instanceof java.nio.file.NotDirectoryException) {
      return "not a directory: " + message;
    }
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
