package io.mobiflow.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that collects what it receives in memory, for tests on a MiniCluster in the same JVM.
 * Each instance has its own bucket, so tests running in parallel do not mix their results.
 */
public final class CollectingSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> BUCKETS = new ConcurrentHashMap<>();

  private final String bucket = UUID.randomUUID().toString();

  public CollectingSink() {
    BUCKETS.put(bucket, new ArrayList<>());
  }

  /** What the sink received so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> received() {
    List<Object> values = BUCKETS.get(bucket);
    synchronized (values) {
      return (List<T>) List.copyOf(values);
    }
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> values = BUCKETS.get(bucket);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        synchronized (values) {
          values.add(element);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
