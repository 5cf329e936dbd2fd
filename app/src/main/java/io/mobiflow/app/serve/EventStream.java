package io.mobiflow.app.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One server-sent-events answer: events are queued (at most {@link Events#QUEUE}) and written one
 * after the other without holding a thread between writes. The stream ends, and its slot is free at
 * once, when the client goes (the connection's failure, or a write that fails), when it falls
 * behind, or when the server stops.
 */
final class EventStream extends IteratingCallback implements Events.Subscriber {

  private static final byte[] OPENING =
      ": mobiflow events: suggestion, flow\n\n".getBytes(StandardCharsets.UTF_8);

  private final BlockingQueue<Events.Event> queue = new ArrayBlockingQueue<>(Events.QUEUE);
  private final Events events;
  private final Response response;
  private final Callback done;
  private volatile boolean behind;
  private boolean opened;

  private EventStream(Events events, Response response, Callback done) {
    this.events = events;
    this.response = response;
    this.done = done;
  }

  /**
   * Starts a stream on this exchange if fewer than {@code max} are open; false (nothing written)
   * otherwise.
   */
  static boolean start(Events events, int max, Request request, Response response, Callback done) {
    EventStream stream = new EventStream(events, response, done);
    if (!events.subscribe(stream, max)) {
      return false;
    }
    request.addFailureListener(stream::abort);
    stream.watchForClose(request.getConnectionMetaData().getConnection().getEndPoint());
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    stream.iterate();
    return true;
  }

  /**
   * Ends the stream as soon as the client closes its connection, without waiting for a write to
   * fail: a client sends nothing on an event stream, so the connection turning readable is its end
   * (or a misuse, ending it too). Jetty does not read a connection while the answer is being
   * written, so it would only notice at the next write.
   */
  private void watchForClose(EndPoint endPoint) {
    endPoint.tryFillInterested(
        Callback.from(
            () -> {
              try {
                int read = endPoint.fill(BufferUtil.allocate(256));
                if (read == 0) {
                  watchForClose(endPoint);
                } else {
                  abort(new EofException("the client left the event stream"));
                }
              } catch (IOException e) {
                abort(e);
              }
            },
            this::abort));
  }

  @Override
  public boolean offer(Events.Event event) {
    if (!queue.offer(event)) {
      behind = true;
    }
    iterate();
    return !behind;
  }

  @Override
  protected Action process() {
    if (behind) {
      return Action.SUCCEEDED;
    }
    byte[] text;
    if (!opened) {
      opened = true;
      text = OPENING;
    } else {
      Events.Event event = queue.poll();
      if (event == null) {
        return Action.IDLE;
      }
      text = text(event);
    }
    response.write(false, ByteBuffer.wrap(text), this);
    return Action.SCHEDULED;
  }

  private static byte[] text(Events.Event event) {
    String text =
        event.name() == null
            ? ": heartbeat\n\n"
            : "event: " + event.name() + "\ndata: " + event.json() + "\n\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void onCompleteSuccess() {
    events.unsubscribe(this);
    response.write(
        true, BufferUtil.EMPTY_BUFFER, done); // fell behind: end the answer, the client reconnects
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    events.unsubscribe(this);
    done.failed(cause);
  }
}
