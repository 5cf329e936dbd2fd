package io.mobiflow.connectors.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of Mobiflow's records: one object per record, field names as in the record,
 * instants as ISO-8601 strings in UTC, absent values as {@code null}.
 */
public final class JsonLines {

  /** A configured mapper; ObjectMapper is thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JsonLines() {}
}
