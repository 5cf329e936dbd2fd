package io.mobiflow.benchmarks.e2e;

import io.mobiflow.benchmarks.baseline.PlainZoneFlowJob;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.jobs.common.JobAccumulators;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the zone-flow job or its baseline on a fresh local MiniCluster, to the end of its bounded
 * input, and measures it.
 */
final class Runs {

  private Runs() {}

  /**
   * The zone-flow job as {@code run} configures it (its source and sinks), bounded; {@code
   * rawPartitions} &gt; 0 when it reads raw topics, their partitions together; {@code outputs}
   * counts what it wrote, after the run.
   */
  static Measurement job(
      Workload workload,
      MobiflowConfig run,
      int parallelism,
      int rawPartitions,
      Callable<Long> outputs)
      throws Exception {
    StreamExecutionEnvironment env = environment(parallelism, false);
    ZoneFlowPipeline.Builder pipeline =
        ZoneFlowPipeline.builder(run).places(workload.places()).bounded(true);
    if (rawPartitions > 0) {
      pipeline.rawPartitions(rawPartitions);
    }
    pipeline.build(env);
    long start = System.nanoTime();
    JobExecutionResult result = env.execute("zone flow, end to end");
    double wall = (System.nanoTime() - start) / 1e9;
    return new Measurement(
        Measurement.JOB,
        parallelism,
        sum(result, JobAccumulators.SNAPSHOTS_READ),
        workload.events(),
        outputs.call(),
        result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3,
        wall);
  }

  /**
   * The baseline ({@link PlainZoneFlowJob}) from {@code source} to {@code sink}, checkpointed as
   * {@code run} says (its file sink flushes, its Kafka sink commits, at checkpoints).
   */
  static Measurement baseline(
      Workload workload,
      MobiflowConfig run,
      Source<FeedSnapshot, ?, ?> source,
      Sink<Map<String, Object>> sink,
      int parallelism,
      Callable<Long> outputs)
      throws Exception {
    StreamExecutionEnvironment env = environment(parallelism, true);
    env.configure(ZoneFlowPipeline.stateBackend(run.checkpoints()));
    env.enableCheckpointing(
        run.checkpoints().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.configure(ZoneFlowPipeline.checkpointStorage(run.checkpoints()));
    new PlainZoneFlowJob(source, workload.places(), run.window().outOfOrderness())
        .build(env)
        .sinkTo(sink)
        .name("baseline sink");
    long start = System.nanoTime();
    JobExecutionResult result = env.execute("plain zone flow, end to end");
    double wall = (System.nanoTime() - start) / 1e9;
    long decoded = sum(result, PlainZoneFlowJob.EVENTS);
    if (decoded != workload.events()) {
      throw new IllegalStateException(
          "the baseline decoded " + decoded + " events, the input holds " + workload.events());
    }
    return new Measurement(
        Measurement.BASELINE,
        parallelism,
        sum(result, PlainZoneFlowJob.SNAPSHOTS),
        decoded,
        outputs.call(),
        result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3,
        wall);
  }

  /** A local environment (a MiniCluster at execution) of {@code parallelism}. */
  static StreamExecutionEnvironment environment(int parallelism, boolean genericTypes) {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, genericTypes);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
  }

  /** The sum of the long accumulators whose names start with {@code prefix}. */
  private static long sum(JobExecutionResult result, String prefix) {
    return result.getAllAccumulatorResults().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> ((Number) e.getValue()).longValue())
        .sum();
  }
}
