package io.mobiflow.app.serve;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every answer that keep browsers from misusing it: no content sniffing, no referrer, no
 * framing, no active content; over TLS, HTTPS only from then on (HSTS).
 */
final class SecurityHeaders extends Handler.Wrapper {

  private final boolean tls;

  SecurityHeaders(Handler next, boolean tls) {
    super(next);
    this.tls = tls;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    addTo(response.getHeaders(), tls);
    return super.handle(request, response, callback);
  }

  /** Puts the headers in {@code headers}; HSTS too over {@code tls}. */
  static void addTo(HttpFields.Mutable headers, boolean tls) {
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (tls) {
      headers.put("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
