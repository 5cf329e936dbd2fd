package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.RejectReason;

/** Thrown while decoding one row or site to reject it with a reason; never leaves a decoder. */
final class RowRejected extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  RowRejected(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
