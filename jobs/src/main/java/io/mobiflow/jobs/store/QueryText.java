package io.mobiflow.jobs.store;

import java.util.Locale;
import java.util.Set;

/**
 * What {@link FlowStore#query} accepts, read from the SQL text before it reaches the database: one
 * statement (a semicolon may end it; nothing but comments may follow) that begins with SELECT, WITH
 * or VALUES. The databases' own read-only modes remain the guard against writes; this check refuses
 * early, with a clear reason, what they would let through or ignore (SQLite's {@code VACUUM INTO}
 * on a read-only connection, a statement after the first). Statements are counted by the store:
 * SQLite's with {@link #statements}, PostgreSQL's as its JDBC driver splits them.
 */
final class QueryText {

  private static final Set<String> QUERIES = Set.of("SELECT", "WITH", "VALUES");

  private QueryText() {}

  /**
   * Refuses {@code sql} unless it is one statement beginning with SELECT, WITH or VALUES.
   *
   * @param statements how many statements the store finds in it
   * @throws QueryException of kind REFUSED, saying why
   */
  static void requireOneQuery(String sql, int statements) throws QueryException {
    String first = firstWord(sql);
    if (!QUERIES.contains(first.toUpperCase(Locale.ROOT))) {
      throw new QueryException(
          QueryException.Kind.REFUSED,
          "refused: only a query is run (SELECT, WITH or VALUES), not "
              + (first.isEmpty() ? "an empty statement" : first));
    }
    if (statements > 1) {
      throw new QueryException(
          QueryException.Kind.REFUSED, "refused: one statement only (a ';' ends it)");
    }
  }

  /** The first word of {@code sql} after blanks and comments, or "" when there is none. */
  static String firstWord(String sql) {
    int i = skipBlanks(sql, 0);
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return sql.substring(i, end);
  }

  /**
   * How many statements {@code sql} holds as SQLite reads it (those with more than blanks and
   * comments): strings, quoted identifiers and comments are skipped as SQLite's tokenizer skips
   * them ({@code '…'}, {@code "…"}, {@code `…`}, {@code […]}, line and block comments).
   */
  static int statements(String sql) {
    int count = 0;
    boolean content = false;
    int i = 0;
    while (i < sql.length()) {
      int next = skipBlanks(sql, i);
      if (next >= sql.length()) {
        break;
      }
      char c = sql.charAt(next);
      if (c == ';') {
        count += content ? 1 : 0;
        content = false;
        i = next + 1;
        continue;
      }
      content = true;
      i =
          switch (c) {
            case '\'', '"', '`' -> closing(sql, next + 1, c);
            case '[' -> closing(sql, next + 1, ']');
            default -> next + 1;
          };
    }
    return count + (content ? 1 : 0);
  }

  /** The index after the quote closing a quoted token opened before {@code from}. */
  private static int closing(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // a doubled quote stands for itself
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length(); // unterminated: the rest is the token, as SQLite reads it
  }

  /** The index of the first character at or after {@code from} that is no blank or comment. */
  private static int skipBlanks(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}
