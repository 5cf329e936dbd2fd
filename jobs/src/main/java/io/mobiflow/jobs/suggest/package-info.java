/**
 * Intermodality suggestions: turning delays, shared-vehicle availability and road indicators into
 * concrete, expiring advice for travellers. This package holds what the others share: the published
 * {@link io.mobiflow.jobs.suggest.Suggestion} with its type and status, the rules' settings and
 * travel model, and the free-floating vehicles a snapshot offers (held in the operators' broadcast
 * state, so its name is part of a savepoint). The rules are in {@code .rules}, their texts in
 * {@code .texts}, the Flink operators that apply them in {@code .operators}.
 */
package io.mobiflow.jobs.suggest;
