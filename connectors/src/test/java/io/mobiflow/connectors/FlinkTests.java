package io.mobiflow.connectors;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster and environment of the integration tests (the jobs' tests use them too). */
public final class FlinkTests {

  private FlinkTests() {}

  /** One TaskManager with two slots. */
  public static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }

  /**
   * An environment on the test's MiniCluster with parallelism 2 and the Kryo fallback disabled, so
   * that a record type Flink cannot serialize as a POJO fails the test.
   */
  public static StreamExecutionEnvironment environment() {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    return env;
  }
}
