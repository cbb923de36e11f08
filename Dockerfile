# One image recipe for every pi-edge app: build the jars first (mvn -DskipTests package), then
#   docker build --build-arg MODULE=auth-proxy -t pi-edge/auth-proxy .
FROM eclipse-temurin:17-jre
ARG MODULE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app pi-edge
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar /app/app.jar
COPY config /app/config
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
