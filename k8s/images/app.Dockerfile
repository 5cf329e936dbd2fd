# The application image: the mobiflow command (serve, ingest, run, query, ...) on a Java 17 runtime,
# run as an unprivileged user. Build from the repository root, after
# mvn -B package -pl app -am -DskipTests (which fills app/target/lib with the application's jars):
#   docker build -f k8s/images/app.Dockerfile -t ghcr.io/mobiflow/mobiflow-app:0.1.0 .
FROM eclipse-temurin:17.0.17_10-jre-noble

RUN groupadd --system --gid 10001 mobiflow \
    && useradd --system --uid 10001 --gid mobiflow --home-dir /opt/mobiflow --no-create-home mobiflow \
    && mkdir -p /opt/mobiflow/lib
COPY app/target/lib/ /opt/mobiflow/lib/
COPY app/target/mobiflow-app-0.1.0-SNAPSHOT.jar /opt/mobiflow/lib/
# the launcher's JVM options (Flink's --add-opens) and log configuration, as ./mobiflow uses them
COPY app/target/launcher/jvm-options.txt app/target/launcher/log4j2-cli.properties /opt/mobiflow/

USER 10001:10001
WORKDIR /opt/mobiflow
# The log goes to the container's standard output; JAVA_OPTS adds JVM options (memory, e.g.
# -XX:MaxRAMPercentage=75). The arguments are mobiflow's: serve --config FILE, ingest --config FILE.
ENTRYPOINT ["/bin/sh", "-c", "exec java $(cat /opt/mobiflow/jvm-options.txt) $JAVA_OPTS -Dlog4j2.configurationFile=/opt/mobiflow/log4j2-cli.properties -Dmobiflow.log.file=/dev/stdout -cp '/opt/mobiflow/lib/*' io.mobiflow.app.cli.Main \"$@\"", "mobiflow"]
CMD ["--help"]
