# syntax=docker/dockerfile:1
# Shop API image: build the jar, split it into Spring Boot's layers, make a class data sharing archive of them (a
# training start without a database), run it as a non-root user on a JRE.
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

# The image's JRE. The class data sharing archive below is made by this JVM on these layers and is only valid for
# them: every stage after this one starts from it.
FROM eclipse-temurin:17-jre AS runtime

FROM runtime AS layers
WORKDIR /layers
COPY --from=build /tmp/app.jar app.jar
# dependencies, spring-boot-loader (empty: the JVM starts app.jar itself), snapshot-dependencies, application: the
# rarely changing layers first. Without --launcher: app.jar names its libraries (lib/) in its manifest, so the JVM's
# own class loader loads them, the one whose classes a class data sharing archive can hold
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM runtime AS app
RUN groupadd --system --gid 10001 shop && useradd --system --uid 10001 --gid shop --no-create-home shop
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./

# Training start for the class data sharing archive (docs/operations.md "Start-up time"): the application starts on
# the final image's files and JRE, stops once its context is refreshed (before it listens or schedules anything),
# and the JVM writes the classes it loaded to app.jsa. No database is reachable here and none is needed: the
# arguments below keep every start-up step off the database (no Liquibase, no schema validation, Hibernate told the
# dialect instead of asking the server; the pool connects on first use, which never comes) and give the settings a
# start requires placeholder values that exist only in this step. The repositories are made during the refresh
# (bootstrap mode default), so the archive holds their classes too. CdsTrainingStartTests runs these arguments.
FROM app AS training
RUN java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar \
        --spring.datasource.url=jdbc:mysql://127.0.0.1:9/training \
        --spring.datasource.username=training \
        --shop.security.jwt.secret=training-start-only-never-a-signing-key-0123456789 \
        --shop.stripe.secret-key=sk_test_training \
        --shop.stripe.publishable-key=pk_test_training \
        --shop.stripe.webhook-secret=whsec_training \
        --spring.liquibase.enabled=false \
        --spring.jpa.hibernate.ddl-auto=none \
        --spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
        --spring.jpa.database-platform=org.hibernate.dialect.MySQLDialect \
        --spring.data.jpa.repositories.bootstrap-mode=default \
    && test -s /app/app.jsa

FROM app
COPY --from=training /app/app.jsa ./
USER 10001:10001
EXPOSE 8080 8081
# The heap follows the container's memory limit: half of it (a 1 GiB limit gives the measured -Xmx512m), the
# rest for metaspace, thread stacks and direct buffers; a JVM out of memory exits so that it is restarted.
ENV JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=50 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
# -Xshare:auto: an archive that is missing or does not match the JRE or the jars is skipped (a warning, a slower
# start), never a failed start. The jar is named by the same absolute path as in the training start.
ENTRYPOINT ["java", "-Xshare:auto", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
