/**
 * Operating the job on a Flink session cluster with Flink's own client classes: the job graph is
 * built here, from the job jar and a configuration ({@link io.mobiflow.app.cluster.ClusterJobs}), a
 * savepoint is checked against it before anything is submitted ({@link
 * io.mobiflow.app.cluster.SavepointCheck}), then the JobManager's REST endpoint runs, lists and
 * stops jobs. {@code mobiflow cluster} is its command line.
 */
package io.mobiflow.app.cluster;
