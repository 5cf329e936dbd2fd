package io.mobiflow.app.serve;

import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through when it carries one of the {@link ApiKeys} ({@code Authorization: Bearer
 * KEY} or {@code X-API-Key: KEY}), or when no keys are required, or for the health probes; else 401
 * with {@code WWW-Authenticate}.
 */
final class ApiKeyCheck extends Handler.Wrapper {

  /** What a probe may ask without a key. */
  static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz");

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;

  ApiKeyCheck(Handler next, ApiKeys keys) {
    super(next);
    this.keys = keys;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!keys.required()
        || OPEN_PATHS.contains(request.getHttpURI().getPath())
        || keys.accepts(presented(request))) {
      return super.handle(request, response, callback);
    }
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"mobiflow\"");
    Replies.error(
        response,
        callback,
        401,
        "an API key is required: 'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
    return true;
  }

  private static String presented(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).strip();
    }
    return request.getHeaders().get("X-API-Key");
  }
}
