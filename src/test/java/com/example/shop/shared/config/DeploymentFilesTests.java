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
 * probes. (.ci/run checks the jar's layers against the Dockerfile's.)
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
        assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher",
                "USER 10001:10001", "-XX:MaxRAMPercentage=", "EXPOSE 8080 8081",
                "org.springframework.boot.loader.launch.JarLauncher");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(2);
    }
}
