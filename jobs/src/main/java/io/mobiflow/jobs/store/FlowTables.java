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
   * @param passwordEnv or the environment variable holding it, or {@code null}: only its name is
   *     carried (in the job graph too), the value is read where each connection opens
   */
  record Postgis(String url, String user, String password, String passwordEnv)
      implements FlowTables {
    public Postgis {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      if (password != null && passwordEnv != null) {
        throw new IllegalArgumentException("a password or its environment variable, not both");
      }
    }

    /** A role whose password, if any, is given here. */
    public Postgis(String url, String user, String password) {
      this(url, user, password, null);
    }

    /** The URL, the role and the password's variable, never the password. */
    @Override
    public String toString() {
      return "Postgis[url="
          + url
          + ", user="
          + user
          + (passwordEnv == null ? "" : ", passwordEnv=" + passwordEnv)
          + "]";
    }
  }
}
