/**
 * The traveller-information API of {@code mobiflow serve}: the suggestions the jobs publish (from
 * their Kafka topic or JSON-lines files), kept as their latest record per id, and the latest
 * indicators of the flow tables, served read-only over HTTP on Jetty ({@link
 * io.mobiflow.app.serve.TravellerApi}) as JSON, GeoJSON, a GTFS-Realtime Alerts feed and
 * server-sent events; bounded against slow and greedy clients, with optional API keys, TLS, CORS, a
 * rate limit per client, an access log without personal data, and health probes ({@link
 * io.mobiflow.app.serve.ApiSettings}).
 */
package io.mobiflow.app.serve;
