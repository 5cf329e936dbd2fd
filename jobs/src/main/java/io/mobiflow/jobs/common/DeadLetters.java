package io.mobiflow.jobs.common;

import io.mobiflow.connectors.common.Rejection;
import org.apache.flink.util.OutputTag;

/**
 * Where the jobs' operators put what they reject: input they cannot use, events too late for their
 * window, input they threw on ({@link OperatorFailures}). The job unions this side output of every
 * operator into one dead-letter sink.
 */
public final class DeadLetters {

  /** The side output of rejected input, of every stage and kind. */
  public static final OutputTag<Rejection> TAG =
      new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
      };

  private DeadLetters() {}
}
