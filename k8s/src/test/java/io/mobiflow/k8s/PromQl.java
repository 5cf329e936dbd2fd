package io.mobiflow.k8s;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks need of a PromQL expression: whether its brackets and quotes balance, and the
 * metric names it reads (Mobiflow's and Flink's: names starting {@code mobiflow_} or {@code
 * flink_}, outside strings and label matchers).
 */
final class PromQl {

  private static final Pattern METRIC = Pattern.compile("\\b((?:mobiflow|flink)_[A-Za-z0-9_:]*)");

  private PromQl() {}

  /** What is unbalanced in {@code expr}, or {@code null}. */
  static String unbalanced(String expr) {
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'', '`' -> quote = c;
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.pop() != expected) {
            return "'" + c + "' at " + i + " closes nothing open";
          }
        }
        default -> {}
      }
    }
    if (quote != 0) {
      return "a string quoted with " + quote + " is not closed";
    }
    return open.isEmpty() ? null : "'" + open.peek() + "' is not closed";
  }

  /** The Mobiflow and Flink metric names {@code expr} reads. */
  static Set<String> metrics(String expr) {
    String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`", "\"\"");
    bare = bare.replaceAll("\\{[^}]*}", "");
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(bare);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
