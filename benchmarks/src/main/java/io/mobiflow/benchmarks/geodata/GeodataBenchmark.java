package io.mobiflow.benchmarks.geodata;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Shared JMH settings of the geo-core benchmarks: average time per query, one fork. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class GeodataBenchmark {

  /** Query points per benchmark: a power of two, cycled through with a mask. */
  static final int QUERIES = 1 << 16;

  /** The Île-de-France area: about 130 km by 130 km around Paris. */
  static final double CENTRE_LATITUDE = 48.75;

  static final double CENTRE_LONGITUDE = 2.45;
}
