package io.mobiflow.jobs.store;

import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of the {@code flows} table: one per {@link ZoneFlow} field, the fields of its groups
 * (road, transit, shared mobility) flattened in their place as in JSON, in snake_case, typed for
 * the store's SQL dialect; and the upsert on (unit, unit_id, window_start) both stores share.
 */
final class FlowColumns {

  /** The table of the indicators. */
  static final String TABLE = "flows";

  /**
   * The column beside the indicators: when the row was last written (epoch milliseconds, the
   * writer's clock), so readers follow what changed.
   */
  static final String WRITTEN_AT = "written_at_ms";

  /** The flattened fields: each a path of record components from a flow to a value. */
  private static final List<Field> FIELDS = fields(ZoneFlow.class, List.of());

  /** A column's field: the components leading from a flow to it. */
  private record Field(List<RecordComponent> path) {

    RecordComponent leaf() {
      return path.get(path.size() - 1);
    }

    Class<?> type() {
      return leaf().getType();
    }

    String column() {
      return FlowColumns.column(leaf());
    }

    Object of(ZoneFlow flow) throws ReflectiveOperationException {
      Object value = flow;
      for (RecordComponent component : path) {
        value = component.getAccessor().invoke(value);
      }
      return value;
    }
  }

  private static List<Field> fields(Class<?> record, List<RecordComponent> parents) {
    List<Field> fields = new ArrayList<>();
    for (RecordComponent component : record.getRecordComponents()) {
      List<RecordComponent> path = new ArrayList<>(parents);
      path.add(component);
      if (component.getType().isRecord()) {
        fields.addAll(fields(component.getType(), path));
      } else {
        fields.add(new Field(List.copyOf(path)));
      }
    }
    return List.copyOf(fields);
  }

  private FlowColumns() {}

  /** The snake_case column of a record component. */
  static String column(RecordComponent field) {
    return field.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS flows (...)} for the dialect; a flag or count a writer leaves
   * out has the default a row of an earlier version gets ({@link #addMissingColumns}): a row
   * another tool inserts without {@code provisional} is final.
   */
  static String createTable(boolean postgres) {
    return "CREATE TABLE IF NOT EXISTS "
        + TABLE
        + " ("
        + FIELDS.stream()
            .map(
                f ->
                    f.column()
                        + " "
                        + sqlType(f.type(), postgres)
                        + defaultOfOldRows(f.type(), postgres))
            .collect(Collectors.joining(", "))
        + ", "
        + WRITTEN_AT
        + " BIGINT NOT NULL, PRIMARY KEY (unit, unit_id, window_start))";
  }

  /**
   * Adds the columns a {@code flows} table written by an earlier version lacks (the suppression
   * flags of the trip counts, say, or a new indicator), so that it can be written and read again: a
   * flag is {@code false} on the old rows, which were published unsuppressed, a count 0 (the old
   * version did not count it), any other value {@code null} (not known).
   */
  static void addMissingColumns(Connection db, boolean postgres) throws SQLException {
    try (Statement sql = db.createStatement()) {
      Set<String> present = new HashSet<>();
      try (ResultSet columns = sql.executeQuery("SELECT * FROM " + TABLE + " LIMIT 0")) {
        for (int c = 1; c <= columns.getMetaData().getColumnCount(); c++) {
          present.add(columns.getMetaData().getColumnName(c).toLowerCase(Locale.ROOT));
        }
      }
      for (Field field : FIELDS) {
        if (!present.contains(field.column())) {
          sql.execute(
              "ALTER TABLE "
                  + TABLE
                  + " ADD COLUMN "
                  + field.column()
                  + " "
                  + sqlType(field.type(), postgres)
                  + defaultOfOldRows(field.type(), postgres));
        }
      }
    }
  }

  /**
   * The upsert: a row per unit and window, replaced by a later record of the same window, except
   * that a provisional record never replaces a final one (it can come later only from a rerun).
   */
  static String upsert() {
    return "INSERT INTO "
        + TABLE
        + " ("
        + FIELDS.stream().map(Field::column).collect(Collectors.joining(", "))
        + ", "
        + WRITTEN_AT
        + ") VALUES ("
        + FIELDS.stream().map(f -> "?").collect(Collectors.joining(", "))
        + ", ?) ON CONFLICT (unit, unit_id, window_start) DO UPDATE SET "
        + FIELDS.stream()
            .map(f -> f.column() + " = excluded." + f.column())
            .collect(Collectors.joining(", "))
        + ", "
        + WRITTEN_AT
        + " = excluded."
        + WRITTEN_AT
        + " WHERE "
        + TABLE
        + ".provisional OR NOT excluded.provisional";
  }

  /**
   * Deletes the rows of a unit written before a time whose windows start within the span of the
   * unit's rows written since: parameters unit, time, unit, time, unit, time. Without rows written
   * since, the span is empty (the bounds are null) and nothing is deleted.
   */
  static String deleteOlderInSpan() {
    String since = " FROM " + TABLE + " WHERE unit = ? AND " + WRITTEN_AT + " >= ?";
    return "DELETE FROM "
        + TABLE
        + " WHERE unit = ? AND "
        + WRITTEN_AT
        + " < ? AND window_start >= (SELECT MIN(window_start)"
        + since
        + ") AND window_start <= (SELECT MAX(window_start)"
        + since
        + ")";
  }

  /**
   * The values of {@code flow} in the upsert's column order, as the dialect stores them, written at
   * {@code writtenAtMillis}.
   */
  static Object[] values(ZoneFlow flow, boolean postgres, long writtenAtMillis) throws IOException {
    Object[] values = new Object[FIELDS.size() + 1];
    for (int i = 0; i < FIELDS.size(); i++) {
      values[i] = value(FIELDS.get(i), flow, postgres);
    }
    values[FIELDS.size()] = writtenAtMillis;
    return values;
  }

  /** The flow of the current row of {@code rows} (a {@code SELECT *} of the flows table). */
  static ZoneFlow read(ResultSet rows) throws SQLException {
    try {
      return (ZoneFlow) read(rows, ZoneFlow.class);
    } catch (ReflectiveOperationException e) {
      throw new SQLException("row is not a flow: " + e.getMessage(), e);
    }
  }

  /** A record of the row's columns, its groups read from theirs. */
  private static Object read(ResultSet rows, Class<?> record)
      throws SQLException, ReflectiveOperationException {
    RecordComponent[] components = record.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          types[i].isRecord()
              ? read(rows, types[i])
              : fromColumn(rows, column(components[i]), types[i]);
    }
    return record.getDeclaredConstructor(types).newInstance(values);
  }

  private static Object fromColumn(ResultSet rows, String column, Class<?> type)
      throws SQLException {
    Object value = rows.getObject(column);
    if (value == null) {
      if (type.isPrimitive()) {
        throw new SQLException("column " + column + " is null");
      }
      return null;
    }
    if (type == boolean.class) {
      return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
    if (type == long.class || type == Long.class) {
      return ((Number) value).longValue();
    }
    if (type == int.class || type == Integer.class) {
      return ((Number) value).intValue();
    }
    if (type == double.class || type == Double.class) {
      return ((Number) value).doubleValue();
    }
    if (type == Instant.class) {
      return instant(rows, column);
    }
    if (type.isEnum()) {
      return enumValue(type, value.toString());
    }
    return value.toString();
  }

  /** An instant column: ISO-8601 text (SQLite) or timestamptz (PostgreSQL). */
  static Instant instant(ResultSet rows, String column) throws SQLException {
    Object value = rows.getObject(column);
    return value instanceof String text
        ? Instant.parse(text)
        : rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  /** An instant as the dialect stores it: timestamptz, or ISO-8601 text (which sorts in time). */
  static Object timeValue(Instant instant, boolean postgres) {
    return postgres ? instant.atOffset(ZoneOffset.UTC) : instant.toString();
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

  /** What a row written by a version without the column has in it. */
  private static String defaultOfOldRows(Class<?> type, boolean postgres) {
    if (type == boolean.class) {
      return postgres ? " DEFAULT FALSE" : " DEFAULT 0";
    }
    return type.isPrimitive() ? " DEFAULT 0" : "";
  }

  private static Object value(Field field, ZoneFlow flow, boolean postgres) throws IOException {
    try {
      Object value = field.of(flow);
      if (value instanceof Boolean b && !postgres) {
        return b ? 1 : 0;
      }
      if (value instanceof Instant instant) {
        return timeValue(instant, postgres);
      }
      if (value instanceof Enum<?>) {
        return value.toString();
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot read " + field.column(), e);
    }
  }
}
