package io.mobiflow.jobs.store;

import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The columns of the {@code flows} table: one per {@link ZoneFlow} field, in snake_case, typed for
 * the store's SQL dialect; and the upsert on (unit, unit_id, window_start) both stores share.
 */
final class FlowColumns {

  /** The table of the indicators. */
  static final String TABLE = "flows";

  private static final List<RecordComponent> FIELDS =
      Arrays.asList(ZoneFlow.class.getRecordComponents());

  private FlowColumns() {}

  /** The snake_case column of a record component. */
  static String column(RecordComponent field) {
    return field.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  /** {@code CREATE TABLE IF NOT EXISTS flows (...)} for the dialect. */
  static String createTable(boolean postgres) {
    return "CREATE TABLE IF NOT EXISTS "
        + TABLE
        + " ("
        + FIELDS.stream()
            .map(f -> column(f) + " " + sqlType(f.getType(), postgres))
            .collect(Collectors.joining(", "))
        + ", PRIMARY KEY (unit, unit_id, window_start))";
  }

  /** The upsert: a row per unit and window, replaced by a later record of the same window. */
  static String upsert() {
    return "INSERT INTO "
        + TABLE
        + " ("
        + FIELDS.stream().map(FlowColumns::column).collect(Collectors.joining(", "))
        + ") VALUES ("
        + FIELDS.stream().map(f -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT (unit, unit_id, window_start) DO UPDATE SET "
        + FIELDS.stream()
            .map(f -> column(f) + " = excluded." + column(f))
            .collect(Collectors.joining(", "));
  }

  /** The values of {@code flow} in column order, as the dialect stores them. */
  static Object[] values(ZoneFlow flow, boolean postgres) throws IOException {
    Object[] values = new Object[FIELDS.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(FIELDS.get(i), flow, postgres);
    }
    return values;
  }

  private static String sqlType(Class<?> type, boolean postgres) {
    if (type == double.class || type == Double.class) {
      return postgres ? "DOUBLE PRECISION" : "REAL";
    }
    if (type == boolean.class) {
      return postgres ? "BOOLEAN" : "INTEGER";
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return postgres ? "BIGINT" : "INTEGER";
    }
    if (type == Instant.class) {
      return postgres ? "TIMESTAMPTZ" : "TEXT";
    }
    return "TEXT";
  }

  private static Object value(RecordComponent field, ZoneFlow flow, boolean postgres)
      throws IOException {
    try {
      Object value = field.getAccessor().invoke(flow);
      if (value instanceof Boolean b && !postgres) {
        return b ? 1 : 0;
      }
      if (value instanceof Instant instant) {
        return postgres ? instant.atOffset(ZoneOffset.UTC) : instant.toString();
      }
      if (value instanceof Enum<?>) {
        return value.toString();
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot read " + field.getName(), e);
    }
  }
}
