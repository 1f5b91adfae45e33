package com.example.shop.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Import into a test's context to reach the real database through a {@link TcpProxy} the test can cut and
 * restore (inject the {@code TcpProxy}): an outage of the database as the application sees it, while the server
 * itself keeps running for the other test classes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DatabaseBehindProxy {

    @Bean(destroyMethod = "close")
    TcpProxy databaseProxy(Environment environment) {
        Matcher url = Pattern.compile("^jdbc:mysql://([^:/]+):(\\d+)/")
                .matcher(environment.getRequiredProperty("spring.datasource.url"));
        if (!url.find()) {
            throw new IllegalStateException("not a jdbc:mysql://host:port/ URL");
        }
        return TcpProxy.to(url.group(1), Integer.parseInt(url.group(2)));
    }

    @Bean
    DynamicPropertyRegistrar throughTheProxy(Environment environment, TcpProxy proxy) {
        String url = environment.getRequiredProperty("spring.datasource.url")
                .replaceFirst("^(jdbc:mysql://[^:/]+):\\d+/", "$1:" + proxy.port() + "/");
        return registry -> registry.add("spring.datasource.url", () -> url);
    }
}
