/**
 * The demo city and its feed simulator. {@link io.mobiflow.app.demo.DemoCityBuilder} derives zones,
 * counter sites and bike stations from a real GTFS feed (Péribus, Grand Périgueux); {@link
 * io.mobiflow.app.demo.FeedSimulator} produces seeded, SIMULATED realtime feeds for it as the same
 * bytes real feeds carry: GTFS-Realtime protobuf, GBFS JSON and counter CSV.
 */
package io.mobiflow.app.demo;
