package io.mobiflow.app.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What one client's connections may hold, beyond Jetty's own bounds (idle timeout, total
 * connections): at most {@code perClient} connections open at once from one address (a further one
 * is closed as it opens), and a request header must be whole within {@code requestHeaderTimeout} of
 * the connection's opening or of its previous answer, else the connection is closed: a client that
 * trickles one header byte at a time, never idle long enough for the idle timeout, is cut too.
 * Reading a header holds no thread in Jetty; this bounds the connections and buffers it holds.
 */
final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {

  private final int perClient;
  private final long requestHeaderMillis;
  private final Scheduler scheduler;
  private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final Map<EndPoint, Watch> open = new ConcurrentHashMap<>();

  ConnectionGuard(Handler next, int perClient, Duration requestHeaderTimeout, Scheduler scheduler) {
    super(next);
    this.perClient = perClient;
    this.requestHeaderMillis = requestHeaderTimeout.toMillis();
    this.scheduler = scheduler;
  }

  @Override
  public void onOpened(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof EndPoint.Wrapper) {
      return; // the HTTP connection inside TLS: its network connection is watched
    }
    Watch watch = new Watch(endPoint, address(endPoint.getRemoteSocketAddress()));
    open.put(endPoint, watch);
    if (perAddress.merge(watch.client, 1, Integer::sum) > perClient) {
      endPoint.close();
    } else {
      watch.expectRequestAfter(0);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Watch watch = open.remove(connection.getEndPoint());
    if (watch != null) {
      perAddress.computeIfPresent(watch.client, (client, count) -> count == 1 ? null : count - 1);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Watch watch = open.get(network(request.getConnectionMetaData().getConnection().getEndPoint()));
    if (watch != null) {
      watch.requestBegins();
      Request.addCompletionListener(request, failure -> watch.requestEnds());
    }
    return super.handle(request, response, callback);
  }

  private static EndPoint network(EndPoint endPoint) {
    EndPoint network = endPoint;
    while (network instanceof EndPoint.Wrapper wrapper) {
      network = wrapper.unwrap();
    }
    return network;
  }

  private static InetAddress address(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet
        ? inet.getAddress()
        : InetAddress.getLoopbackAddress(); // not a network socket: one local client
  }

  /** One network connection: its client, and how many of its requests began and are running. */
  private final class Watch {

    private final EndPoint endPoint;
    private final InetAddress client;
    private int begun;
    private int running;

    Watch(EndPoint endPoint, InetAddress client) {
      this.endPoint = endPoint;
      this.client = client;
    }

    synchronized void requestBegins() {
      begun++;
      running++;
    }

    void requestEnds() {
      int seen;
      synchronized (this) {
        running--;
        seen = begun;
      }
      expectRequestAfter(seen);
    }

    /** Closes the connection if no request but the {@code seen} first begins in time. */
    void expectRequestAfter(int seen) {
      scheduler.schedule(
          () -> {
            boolean waiting;
            synchronized (this) {
              waiting = running == 0 && begun == seen;
            }
            if (waiting && endPoint.isOpen()) {
              endPoint.close(new TimeoutException("no whole request header in time"));
            }
          },
          requestHeaderMillis,
          TimeUnit.MILLISECONDS);
    }
  }
}
