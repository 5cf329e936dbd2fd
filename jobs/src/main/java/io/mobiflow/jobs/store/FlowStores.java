package io.mobiflow.jobs.store;

/**
 * The one way from configured {@link FlowTables} to the {@link FlowStore} that reads and writes
 * them.
 */
public final class FlowStores {

  private FlowStores() {}

  /** The store of {@code tables}; it connects only when used. */
  public static FlowStore open(FlowTables tables) {
    if (tables instanceof FlowTables.Postgis db) {
      return new PostgisStore(db);
    }
    return new GeoPackageStore(((FlowTables.GeoPackageFile) tables).path());
  }
}
