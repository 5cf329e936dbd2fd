# The job image: the official Flink 2.2 / Java 17 image with Mobiflow's job jar in usrlib (the
# FlinkDeployment's jarURI local:///opt/flink/usrlib/mobiflow-jobs.jar) and the S3 file system
# plugin for checkpoints and savepoints. Flink's Prometheus reporter is already in plugins/.
# Build from the repository root, after mvn -B package -pl jobs -am -DskipTests:
#   docker build -f k8s/images/job.Dockerfile -t ghcr.io/mobiflow/mobiflow-job:0.1.0 .
FROM flink:2.2.0-scala_2.12-java17

# flink (uid 9999) is the image's own user; root only while the plugin folder is made
USER root
RUN mkdir -p /opt/flink/plugins/s3-fs-presto \
    && cp /opt/flink/opt/flink-s3-fs-presto-2.2.0.jar /opt/flink/plugins/s3-fs-presto/ \
    && mkdir -p /opt/flink/usrlib \
    && chown -R flink:flink /opt/flink/usrlib /opt/flink/plugins/s3-fs-presto
COPY --chown=flink:flink jobs/target/mobiflow-jobs-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/mobiflow-jobs.jar

USER 9999:9999
