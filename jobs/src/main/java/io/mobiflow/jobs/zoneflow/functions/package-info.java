/** The Flink functions of the zone-flow job, one role each. */
package io.mobiflow.jobs.zoneflow.functions;
