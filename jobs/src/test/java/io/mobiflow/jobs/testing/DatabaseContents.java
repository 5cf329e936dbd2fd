package io.mobiflow.jobs.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a database holds, as text to compare before and after: the rows of some queries. */
public final class DatabaseContents {

  private DatabaseContents() {}

  /** Every row of every query, a line each, its values separated by {@code |}. */
  public static String of(Connection db, String... queries) throws SQLException {
    StringBuilder all = new StringBuilder();
    for (String query : queries) {
      try (Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery(query)) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          for (int c = 1; c <= columns; c++) {
            all.append(rows.getString(c)).append('|');
          }
          all.append('\n');
        }
      }
    }
    return all.toString();
  }
}
