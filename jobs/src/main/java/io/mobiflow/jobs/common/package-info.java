/**
 * What every job and its operators share, and nothing else: the dead-letter side output, how an
 * operator's failure on one input becomes a dead letter, the names of the jobs' accumulators. It
 * depends on no other package of the jobs, so that the zone-flow job and the suggestion branch both
 * use it without depending on each other.
 */
package io.mobiflow.jobs.common;
