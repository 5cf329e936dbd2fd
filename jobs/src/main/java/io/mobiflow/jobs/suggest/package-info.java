/**
 * Intermodality suggestions: the rules that turn delays, shared-vehicle availability and road
 * indicators into concrete, expiring advice for travellers (pure functions of their inputs, tested
 * on the real Péribus network), and the Flink job that applies them.
 */
package io.mobiflow.jobs.suggest;
