# syntax=docker/dockerfile:1
# One image recipe for every pi-edge app, chosen with MODULE:
#   docker build --build-arg MODULE=auth-proxy -t pi-edge/auth-proxy .
# The build stage compiles the module (and the pi-edge modules it is built from) and splits its Boot jar into
# layers; the image runs those layers on a JRE as a non-root user. Nothing has to be built beforehand.
# The payment-sidecar image has no embedded PostgreSQL binaries (they are test-scoped): it needs a real
# database (PI_DB_*).

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# The Maven repository is a build cache, not a layer: dependencies are fetched once per builder. Cache mounts need
# BuildKit, the builder of Docker 23+ and of Compose v2 (for docker-compose v1: DOCKER_BUILDKIT=1
# COMPOSE_DOCKER_CLI_BUILD=1).
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" \
    && mvn -B -q -DskipTests -pl "$MODULE" -am package \
    && java -Djarmode=tools -jar "$MODULE/target/$MODULE.jar" extract --layers --launcher --destination /layers \
    && { cat "$MODULE/jvm.options" 2>/dev/null || true; } >/layers/jvm.options

FROM eclipse-temurin:17-jre
# curl serves the compose healthchecks; Kubernetes probes use httpGet and need nothing in the image.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app pi-edge
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY config /app/config
# The module's own JVM settings (<module>/jvm.options, e.g. the proxy's heap and collector), empty for the others.
COPY --from=build /layers/jvm.options /app/jvm.options
ENV PI_EDGE_CONFIG_DIR=/app/config
USER 10001
# Heap from the container's memory limit, not the host's: 75% for the heap leaves room for metaspace, Netty's
# direct buffers and thread stacks; an app whose jvm.options sets -Xmx (the proxy) uses that instead. An
# OutOfMemoryError ends the JVM so the orchestrator restarts it instead of leaving it half alive.
# JAVA_TOOL_OPTIONS adds flags without rebuilding; where it and this command line (jvm.options included) set the
# same flag, the command line wins.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
    "org.springframework.boot.loader.launch.JarLauncher"]
