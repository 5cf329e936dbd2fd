package io.mobiflow.jobs.store;

import java.nio.file.Path;
import java.util.Objects;

/** Where a run's flow tables are, as configured: plain data, opened by {@link FlowStores#open}. */
public sealed interface FlowTables {

  /**
   * A GeoPackage file (the embedded default).
   *
   * @param path the {@code .gpkg} file, created with its tables when missing
   */
  record GeoPackageFile(Path path) implements FlowTables {
    public GeoPackageFile {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * A PostgreSQL/PostGIS database.
   *
   * @param url a {@code jdbc:postgresql://host:port/database} URL
   * @param user the role
   * @param password its password, or {@code null}
   */
  record Postgis(String url, String user, String password) implements FlowTables {
    public Postgis {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
    }

    /** The URL and role, never the password. */
    @Override
    public String toString() {
      return "Postgis[url=" + url + ", user=" + user + "]";
    }
  }
}
