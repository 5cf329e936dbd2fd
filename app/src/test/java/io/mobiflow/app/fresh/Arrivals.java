package io.mobiflow.app.fresh;

import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;

/** A sink of zone flows that collects each with the wall-clock time it arrived (epoch ms). */
final class Arrivals implements Sink<ZoneFlow> {

  private static final long serialVersionUID = 1L;

  private final CollectingSink<Tuple2<Long, ZoneFlow>> collected;

  Arrivals(CollectingSink<Tuple2<Long, ZoneFlow>> collected) {
    this.collected = collected;
  }

  @Override
  public SinkWriter<ZoneFlow> createWriter(WriterInitContext context) throws IOException {
    SinkWriter<Tuple2<Long, ZoneFlow>> writer = collected.createWriter(context);
    return new SinkWriter<>() {
      @Override
      public void write(ZoneFlow flow, Context writeContext)
          throws IOException, InterruptedException {
        writer.write(Tuple2.of(System.currentTimeMillis(), flow), writeContext);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
