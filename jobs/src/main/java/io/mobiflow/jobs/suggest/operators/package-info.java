/**
 * The Flink side of suggestions: the keyed operators that apply the rules to the job's streams (per
 * stop, per zone), the suggestions they hold until they expire, the shared-mobility reports they
 * receive broadcast, and the branch that adds them all to the job.
 */
package io.mobiflow.jobs.suggest.operators;
