package io.mobiflow.jobs.store;

/**
 * Why a query of {@link FlowStore#query} gave no rows: it was refused (it would write, or is not
 * one query), it ran out of time, or the database reported an error. The message is one line.
 */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Not one SELECT, WITH or VALUES statement, or the database refused a write. */
    REFUSED,
    /** The query ran longer than its time limit and was stopped. */
    TIMED_OUT,
    /** The database reported an error (syntax, unknown table, a connection problem). */
    FAILED
  }

  private final Kind kind;

  QueryException(Kind kind, String message) {
    super(message.lines().findFirst().orElse(""));
    this.kind = kind;
  }

  /** An error the database reported; one it refused as a write says so first. */
  static QueryException fromDatabase(Kind kind, String message) {
    return new QueryException(
        kind, kind == Kind.REFUSED ? "refused, it would write: " + message : message);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
