/** Mobiflow's Flink jobs, the demo city and its feed simulator, and the command line. */
package io.mobiflow.jobs;
