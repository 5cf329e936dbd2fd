package io.mobiflow.jobs.common;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import java.util.function.Consumer;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception an operator threw on one input, turned into a dead letter: the input is set aside
 * and the job goes on, instead of restarting on the same input forever (or, on Kafka, staying
 * pinned to its offset). The log gets the stack trace; the dead letter names the operator and the
 * exception.
 *
 * <p>The log line names the operator and the feed, not the entity: a key can be a vehicle's id,
 * which only the dead letter carries, pseudonymised ({@link
 * io.mobiflow.connectors.common.DeadLetterRedaction}).
 */
public final class OperatorFailures {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorFailures.class);

  /** At most this many characters of the exception's message go into the dead letter. */
  static final int MAX_MESSAGE = 300;

  private OperatorFailures() {}

  /**
   * Does one input's work (an element, a timer) of {@code operator}: an exception it throws becomes
   * a dead letter naming the operator and the key, and the job goes on. Flink's own exceptions (a
   * state backend that fails, say) are not an input's fault: they still fail the task.
   */
  public static void guard(
      String operator,
      Object key,
      Consumer<Rejection> deadLetters,
      ThrowingRunnable<Exception> work)
      throws Exception {
    guard(operator, SourceRef.file(operator, String.valueOf(key)), deadLetters, work);
  }

  /**
   * As {@link #guard(String, Object, Consumer, ThrowingRunnable)}, for an input that names its own
   * source (a feed snapshot): the dead letter names that source.
   */
  public static void guard(
      String operator,
      SourceRef source,
      Consumer<Rejection> deadLetters,
      ThrowingRunnable<Exception> work)
      throws Exception {
    try {
      work.run();
    } catch (FlinkRuntimeException e) {
      throw e;
    } catch (RuntimeException e) {
      deadLetters.accept(rejection(operator, source, e));
    }
  }

  /** The dead letter of {@code failure}, thrown by {@code operator} on the input from source. */
  public static Rejection rejection(String operator, SourceRef source, Exception failure) {
    // the source's file may name an entity (a vehicle): the log says the feed, the dead letter
    // (redacted on its way out) says the rest
    LOG.warn(
        "{} failed on an input of {}; it goes to the dead letters",
        operator,
        source.feedId(),
        failure);
    String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    return new Rejection(
        RejectReason.OPERATOR_FAILURE,
        source,
        operator + " threw " + failure.getClass().getName() + ": " + message);
  }
}
