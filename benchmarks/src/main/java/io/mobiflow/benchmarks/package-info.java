/** Benchmarks of Mobiflow: JMH for the geo core, harnesses for end-to-end runs. */
package io.mobiflow.benchmarks;
