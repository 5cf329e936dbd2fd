package io.mobiflow.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.sink.JsonLines;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Whole answers of the API: a body of known length, never cached; errors as JSON with a reason. */
final class Replies {

  private Replies() {}

  /** {@code body} as JSON with {@code status}. */
  static void json(Response response, Callback callback, int status, JsonNode body) {
    send(response, callback, status, "application/json", bytes(body));
  }

  /** {@code {"error": message}} with {@code status}. */
  static void error(Response response, Callback callback, int status, String message) {
    json(response, callback, status, errorBody(message));
  }

  /** The JSON body of an error. */
  static ObjectNode errorBody(String message) {
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("error", message);
    return body;
  }

  /** {@code body} of media type {@code type} with {@code status} (HEAD: the headers only). */
  static void send(Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static byte[] bytes(JsonNode body) {
    try {
      return JsonLines.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serializes", e);
    }
  }
}
