/**
 * The traveller-information API of {@code mobiflow serve}: the suggestions the jobs publish (from
 * their Kafka topic or JSON-lines files), kept as their latest record per id, served over HTTP as a
 * GTFS-Realtime Alerts feed and as JSON. Read-only.
 */
package io.mobiflow.jobs.serve;
