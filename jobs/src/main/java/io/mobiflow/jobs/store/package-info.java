/**
 * The flow tables planners query with SQL and open in QGIS: a {@code zones} table with the zones'
 * geometries and a {@code flows} table with one row per unit and window (every {@link
 * io.mobiflow.jobs.zoneflow.ZoneFlow} field), in a GeoPackage file (the embedded default) or a
 * PostgreSQL/PostGIS database, written by idempotent upserts; and read-only queries against them
 * ({@code mobiflow query}). Schema: {@code docs/flow-tables.md}.
 */
package io.mobiflow.jobs.store;
