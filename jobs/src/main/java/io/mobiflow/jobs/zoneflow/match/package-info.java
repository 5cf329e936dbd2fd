/**
 * Placing observations on the map: the reference data of a city ({@link
 * io.mobiflow.jobs.zoneflow.match.Places}), its per-task index, and one matcher per event type.
 */
package io.mobiflow.jobs.zoneflow.match;
