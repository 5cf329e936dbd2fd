package io.mobiflow.app.serve;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a malformed request line or URI, a header too large, a handler
 * that failed) in the API's form: {@code {"error": reason}}, never an HTML page nor a stack trace;
 * a 5xx says only its status, never the message of what failed.
 */
final class JsonErrors extends ErrorHandler {

  private final boolean tls;

  JsonErrors(boolean tls) {
    this.tls = tls;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    // a server error's message is a throwable's (a class name, a path): it stays in the log
    String message =
        status < HttpStatus.INTERNAL_SERVER_ERROR_500
                && request.getAttribute(ERROR_MESSAGE) instanceof String text
                && !text.isBlank()
            ? text
            : HttpStatus.getMessage(status);
    SecurityHeaders.addTo(response.getHeaders(), tls);
    Replies.error(response, callback, status, message);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    SecurityHeaders.addTo(fields, tls);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put(HttpHeader.CACHE_CONTROL, "no-cache");
    String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    return ByteBuffer.wrap(Replies.bytes(Replies.errorBody(message)));
  }
}
