package com.example.shop.shared.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the deployment files without a container engine: compose.yaml has the services the
 * topology needs, each instance gets every required setting and the Redis and RabbitMQ connection, only the load
 * balancer publishes a port, and the load balancer and the Dockerfile agree with the application's ports and
 * probes; the image build makes a class data sharing archive without a database and the image starts with it
 * ({@link CdsTrainingStartTests} runs that training start's arguments). (.ci/run checks the jar's layers against the
 * Dockerfile's.)
 */
class DeploymentFilesTests {

    /** The load balancer's fixed address, the one proxy the instances believe forwarding headers from. */
    private static final String LOAD_BALANCER_ADDRESS = "172.28.0.10";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws Exception {
        // SafeConstructor: plain maps and lists; merge keys (<<: *app) are resolved as Compose resolves them
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return yaml.load(Files.readString(Path.of("compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        return (Map<String, Object>) services.get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsMysqlRedisRabbitmqTwoInstancesAndALoadBalancer() throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("mysql", "redis", "rabbitmq", "app-1", "app-2", "lb");
        assertThat((String) service("mysql").get("image")).startsWith("mysql:8");
        assertThat((String) service("redis").get("image")).startsWith("redis:");
        assertThat((String) service("rabbitmq").get("image")).startsWith("rabbitmq:");
        assertThat((List<String>) service("lb").get("ports")).containsExactly("8080:8080");
        for (String name : List.of("mysql", "redis", "rabbitmq", "app-1", "app-2")) {
            assertThat(service(name)).as("%s publishes no port", name).doesNotContainKey("ports");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachInstanceGetsEveryRequiredSettingAndItsServices() throws Exception {
        for (String name : List.of("app-1", "app-2")) {
            Map<String, Object> app = service(name);
            assertThat(app.get("build")).isEqualTo(".");
            Map<String, Object> environment = (Map<String, Object>) app.get("environment");
            assertThat(environment).as(name).containsKeys(RequiredSettings.REQUIRED.values().toArray(String[]::new));
            assertThat(environment).as(name)
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:mysql://mysql:3306/shop")
                    .containsEntry("SPRING_DATA_REDIS_HOST", "redis")
                    .containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq")
                    .containsEntry("MANAGEMENT_SERVER_PORT", "8081")
                    .containsEntry("SHOP_WEB_TRUSTED_PROXIES", LOAD_BALANCER_ADDRESS)
                    .containsKeys("SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD", "SPRING_DATASOURCE_PASSWORD");
            // secrets are never written into the file: each is taken from the environment
            for (String secret : List.of("SHOP_JWT_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")) {
                assertThat((String) environment.get(secret)).startsWith("${" + secret + ":?");
            }
            assertThat((Map<String, Object>) app.get("depends_on")).containsOnlyKeys("mysql", "redis", "rabbitmq");
        }
    }

    @Test
    void theLoadBalancerSendsToBothInstancesWhileTheyAreReady() throws Exception {
        String haproxy = Files.readString(Path.of("deploy/haproxy.cfg"));
        assertThat(haproxy).contains("server app-1 app-1:8080 check", "server app-2 app-2:8080 check",
                "option httpchk GET /readyz", "option forwardfor");
        assertThat(service("lb").toString()).contains("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg",
                "ipv4_address=" + LOAD_BALANCER_ADDRESS);
    }

    @Test
    void theImageRunsTheLayeredJarAsANonRootUserWithContainerAwareMemory() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --destination extracted",
                "USER 10001:10001", "-XX:MaxRAMPercentage=", "EXPOSE 8080 8081");
        // the JVM's own class loader loads app.jar and lib/ (the archive can hold only its classes): no Boot launcher
        assertThat(dockerfile.lines().filter(line -> line.startsWith("RUN ") || line.startsWith("ENTRYPOINT ")))
                .noneMatch(line -> line.contains("--launcher") || line.contains("JarLauncher"));
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theImageBuildMakesAClassDataSharingArchiveWithoutADatabaseAndEveryStartUsesIt() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> stages = dockerfile.lines().filter(line -> line.startsWith("FROM ")).toList();
        // the training runs on the final image's files and JRE: both stages start from the same one
        assertThat(stages).contains("FROM eclipse-temurin:17-jre AS runtime", "FROM runtime AS layers",
                "FROM runtime AS app", "FROM app AS training");
        assertThat(stages.get(stages.size() - 1)).isEqualTo("FROM app");
        assertThat(dockerfile).contains("COPY --from=training /app/app.jsa ./");

        TrainingStart training = TrainingStart.fromDockerfile();
        assertThat(training.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=/app/app.jsa",
                "-Dspring.context.exit=onRefresh");
        assertThat(training.jar()).isEqualTo("/app/app.jar");
        // nothing in the start reaches a database: no migration, no schema validation, no JDBC metadata
        assertThat(training.arguments()).contains("--spring.liquibase.enabled=false",
                "--spring.jpa.hibernate.ddl-auto=none",
                "--spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
                "--spring.jpa.database-platform=org.hibernate.dialect.MySQLDialect",
                "--spring.data.jpa.repositories.bootstrap-mode=default");
        // every setting a start requires has a placeholder, so RequiredSettings lets the training start through
        for (String property : RequiredSettings.REQUIRED.keySet()) {
            assertThat(training.argument(property)).as(property).isNotBlank();
        }

        // the entry point uses the archive made for the same jar, by the same path; a missing or mismatched archive
        // is skipped (-Xshare:auto), never a failed start
        String entryPoint = dockerfile.lines().filter(line -> line.startsWith("ENTRYPOINT ")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(entryPoint).isEqualTo("ENTRYPOINT [\"java\", \"-Xshare:auto\", \"-XX:SharedArchiveFile=/app/app.jsa\", "
                + "\"-jar\", \"" + training.jar() + "\"]");
        assertThat(dockerfile).doesNotContain("-Xshare:on");
    }
}
