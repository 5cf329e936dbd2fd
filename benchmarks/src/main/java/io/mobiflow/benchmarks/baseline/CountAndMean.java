package io.mobiflow.benchmarks.baseline;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple4;

/**
 * Count and sum of each measure of a zone's window, in a hash map of {@code {count, sum}} (a
 * generic type: Kryo serializes it). The result is the same map; {@link WindowRecord} turns sums
 * into means.
 */
final class CountAndMean
    implements AggregateFunction<
        Tuple4<String, String, Long, Double>, Map<String, double[]>, Map<String, double[]>> {

  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, double[]> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, double[]> add(
      Tuple4<String, String, Long, Double> measure, Map<String, double[]> sums) {
    double[] sum = sums.computeIfAbsent(measure.f1, name -> new double[2]);
    sum[0]++;
    sum[1] += measure.f3;
    return sums;
  }

  @Override
  public Map<String, double[]> getResult(Map<String, double[]> sums) {
    return sums;
  }

  @Override
  public Map<String, double[]> merge(Map<String, double[]> a, Map<String, double[]> b) {
    b.forEach(
        (name, sum) -> {
          double[] into = a.computeIfAbsent(name, n -> new double[2]);
          into[0] += sum[0];
          into[1] += sum[1];
        });
    return a;
  }
}
