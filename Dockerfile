# dvc-watch: multi-stage build. Stage 1 builds the fat jar with Maven; stage 2 is a small JRE image.
# The jar embeds PostgreSQL for linux amd64 and arm64, so the image builds on either (docker buildx --platform);
# the cluster's libraries are a second jar beside it (lib/dvc-watch-cluster.jar).
# DeploymentFilesTest checks this file against the build and the code (jar path, port, user, health route, the
# browser the browser room looks for, the HEALTHCHECK tool).
# Build:  docker build -t dvc-watch .
# Run:    docker run -p 8080:8080 -v $PWD/conf:/app/conf -v dvc-data:/app/data dvc-watch
#         (set DVC_DB_URL=postgresql://... for an external PostgreSQL; see docker-compose.yml)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a source change does not download the world again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY conf ./conf
# The trimmed PostgreSQL archive costs about 80 CPU-seconds to compress; the cache mount keeps it across builds
# (src/build/PostgresArchive.java keys it by its inputs).
RUN --mount=type=cache,target=/root/.m2/repository/vn/dvcwatch/postgres-archive-cache mvn -B -q package -DskipTests

# Debian, not Ubuntu: Ubuntu's chromium is a snap stub that cannot run in a container; the browser room
# (docs/BROWSER.md) needs a real Chromium.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl ca-certificates chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system dvc && useradd --system --gid dvc --home-dir /app --shell /usr/sbin/nologin dvc
ENV LANG=C.UTF-8
WORKDIR /app
COPY --from=build /src/target/dvc-watch.jar /app/dvc-watch.jar
# Hazelcast for a node with a cluster section, where the jar's Class-Path looks for it (docs/CLUSTER.md)
COPY --from=build /src/target/lib/dvc-watch-cluster.jar /app/lib/dvc-watch-cluster.jar
COPY --from=build /src/conf /app/conf
RUN mkdir -p /app/data && chown -R dvc:dvc /app
# Embedded PostgreSQL refuses to run as root; the image never runs as root anyway.
USER dvc
VOLUME ["/app/conf", "/app/data"]
EXPOSE 8080
# C1 only (-XX:TieredStopAtLevel=1): C2 took 30-45 % of the watchdog's CPU for minutes after start (docs/PERFORMANCE.md, P1).
# ZGC: its pauses stay near a millisecond where G1's reached 253 ms, each one a probe's late timestamp (docs/PERFORMANCE.md,
# P2-truth, which measures with these options).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -XX:+UseZGC -XX:TieredStopAtLevel=1"
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["java", "-jar", "/app/dvc-watch.jar"]
CMD ["run", "--config", "conf/dvc-watch.yaml", "--data", "/app/data"]
