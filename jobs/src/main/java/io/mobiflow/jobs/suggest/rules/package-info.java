/**
 * The suggestion rules, pure functions of their inputs and free of Flink: delay → shared vehicle,
 * connection at risk, congestion → mode shift and first/last-mile gap, what each finds, and what
 * lies around a stop ({@link io.mobiflow.jobs.suggest.rules.StopSurroundings}). Tested on the real
 * Péribus network and on hand-built places.
 */
package io.mobiflow.jobs.suggest.rules;
