package io.mobiflow.app.cluster;

/**
 * A cluster operation that failed for a reason one line says (no JobManager answers, the job is
 * unknown, the job jar cannot build the job); the cause, if any, is for the log.
 */
public final class ClusterException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (may be null). */
  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
