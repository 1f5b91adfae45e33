# syntax=docker/dockerfile:1
# Shop API image: build the jar, split it into Spring Boot's layers, run it as a non-root user on a JRE.
#   docker build -t shop-api .
#   docker compose up        (compose.yaml: MySQL, Redis, RabbitMQ, two instances behind HAProxy)
# Ports: 8080 the API (and /actuator/health, /livez, /readyz), 8081 Actuator (Prometheus, probes): keep 8081
# inside the cluster's network. Configuration comes from the environment (docs/operations.md).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline || true
COPY db/ db/
COPY src/ src/
# no .git in the build context: /actuator/info shows the build, and git information only when built from a clone
RUN ./mvnw -B -ntp -DskipTests package && cp target/shop-api-*.jar /tmp/app.jar

FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY --from=build /tmp/app.jar app.jar
# dependencies, spring-boot-loader, snapshot-dependencies, application: the rarely changing layers first
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 shop && useradd --system --uid 10001 --gid shop --no-create-home shop
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
EXPOSE 8080 8081
# The heap follows the container's memory limit: half of it (a 1 GiB limit gives the measured -Xmx512m), the
# rest for metaspace, thread stacks and direct buffers; a JVM out of memory exits so that it is restarted.
ENV JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=50 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
