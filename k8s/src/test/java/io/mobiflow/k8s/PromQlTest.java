package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsTheMetricsOutsideStringsAndLabelMatchers() {
    String expr =
        "sum by (kind, feed) (rate(flink_taskmanager_job_task_operator_mobiflow_kind_feed_events"
            + "{job_name=~\"mobiflow_x.+\", kind=\"$kind\"}[5m])) / on (kind)"
            + " mobiflow_serve_sse_clients > 0 and up{job=\"flink_y\"}";

    assertThat(PromQl.metrics(expr))
        .containsExactly(
            "flink_taskmanager_job_task_operator_mobiflow_kind_feed_events",
            "mobiflow_serve_sse_clients");
  }

  @Test
  void bracketsAndQuotesBalance() {
    assertThat(PromQl.unbalanced("sum(rate(x{a=\"(\"}[5m]))")).isNull();
    assertThat(PromQl.unbalanced("sum(rate(x[5m])")).isEqualTo("'(' is not closed");
    assertThat(PromQl.unbalanced("rate(x[5m)]")).isEqualTo("')' at 9 closes nothing open");
    assertThat(PromQl.unbalanced("x{a=\"b}")).isEqualTo("a string quoted with \" is not closed");
  }
}
