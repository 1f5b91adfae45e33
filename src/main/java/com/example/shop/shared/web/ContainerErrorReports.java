package com.example.shop.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The answers Tomcat gives itself, before any filter or servlet runs: a request line or a path it cannot decode
 * ({@code /api/products/%FF}), headers over {@code server.max-http-request-header-size}. Tomcat's error report
 * (an HTML page naming the server) is replaced by a problem of the same status, in the shop's words
 * ({@link Problems#inOwnWords}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                useProblemReports(context.getParent());
            }
        }));
    }

    /** The host's error report valves (Tomcat's default, the one Spring Boot adds) give way to one of ours. */
    private static void useProblemReports(Container host) {
        boolean ours = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemReportValve) {
                ours = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!ours) {
            host.getPipeline().addValve(new ProblemReportValve());
        }
    }

    /** Writes the problem for an error status nothing else has answered. */
    static final class ProblemReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, @Nullable Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            org.springframework.http.ProblemDetail problem = Problems.inOwnWords(
                    org.springframework.http.ProblemDetail.forStatus(known == null ? HttpStatus.BAD_REQUEST : known));
            if (status >= 500) {
                problem = Problems.internalError(CorrelationId.current());
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", String.valueOf(problem.getType()));
                    body.put("title", problem.getTitle());
                    body.put("status", problem.getStatus());
                    body.put("detail", problem.getDetail());
                    if (problem.getProperties() != null) {
                        body.putAll(problem.getProperties());
                    }
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response cannot take a body: nothing more to say
            }
        }
    }
}
