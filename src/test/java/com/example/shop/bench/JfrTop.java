package com.example.shop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JDK Flight Recorder file of bench/run.sh and prints where the CPU samples ({@code jdk.ExecutionSample})
 * went: the top frames (the method running when sampled), the share of samples whose stack passes through each
 * area of the request path (inclusive), and the share taken by the in-process Stripe stand-in (WireMock on
 * Jetty), which a real deployment does not pay for. {@code jfr view hot-methods} needs JDK 21; this reads the
 * file with the JDK 17 API the project builds with.
 * Usage: {@code java -cp ... com.example.shop.bench.JfrTop <file.jfr> [top]}.
 */
public final class JfrTop {

    /** Areas counted inclusively: a sample counts for an area when any frame of its stack starts with a prefix. */
    private static final List<Map.Entry<String, List<String>>> AREAS = List.of(
            Map.entry("Stripe stand-in (WireMock/Jetty, in process)", List.of("com.github.tomakehurst.wiremock.", "wiremock.", "org.eclipse.jetty.")),
            Map.entry("stripe-java client", List.of("com.stripe.")),
            Map.entry("JDBC driver (com.mysql)", List.of("com.mysql.")),
            Map.entry("Hikari pool", List.of("com.zaxxer.hikari.")),
            Map.entry("Hibernate", List.of("org.hibernate.")),
            Map.entry("Spring transactions", List.of("org.springframework.transaction.")),
            Map.entry("Modulith event registry", List.of("org.springframework.modulith.events.")),
            Map.entry("Spring Security filter chain", List.of("org.springframework.security.web.FilterChainProxy")),
            Map.entry("JWT decoding (Nimbus)", List.of("com.nimbusds.", "org.springframework.security.oauth2.jwt.")),
            Map.entry("Micrometer / observations", List.of("io.micrometer.")),
            Map.entry("Jackson (tools.jackson)", List.of("tools.jackson.")),
            Map.entry("ETag (ShallowEtagHeaderFilter)", List.of("org.springframework.web.filter.ShallowEtagHeaderFilter")),
            Map.entry("Bean validation", List.of("org.hibernate.validator.")),
            Map.entry("Caffeine", List.of("com.github.benmanes.caffeine.")),
            Map.entry("Logback", List.of("ch.qos.logback.")),
            Map.entry("Tomcat", List.of("org.apache.tomcat.", "org.apache.catalina.", "org.apache.coyote.")),
            Map.entry("Spring MVC DispatcherServlet", List.of("org.springframework.web.servlet.DispatcherServlet")),
            Map.entry("shop code (com.example.shop)", List.of("com.example.shop.")));

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> selfCounts = new HashMap<>();
        Map<String, Integer> areaCounts = new HashMap<>();
        Map<String, Integer> threadCounts = new HashMap<>();
        int total = 0;
        long maxAfterGc = 0;
        long sumAfterGc = 0;
        int gcs = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.GCHeapSummary") && "After GC".equals(event.getString("when"))) {
                long used = event.getLong("heapUsed");
                maxAfterGc = Math.max(maxAfterGc, used);
                sumAfterGc += used;
                gcs++;
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = stack.getFrames();
            selfCounts.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> areas = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame.getMethod());
                for (Map.Entry<String, List<String>> area : AREAS) {
                    if (area.getValue().stream().anyMatch(method::startsWith)) {
                        areas.add(area.getKey());
                    }
                }
            }
            areas.forEach(area -> areaCounts.merge(area, 1, Integer::sum));
            RecordedThread thread = event.getThread("sampledThread");
            threadCounts.merge(threadGroup(thread == null ? "?" : thread.getJavaName()), 1, Integer::sum);
        }
        System.out.printf("%s: %d CPU samples%n%n", file.getFileName(), total);
        System.out.println("top frames (self):");
        print(selfCounts, total, top);
        System.out.println();
        System.out.println("areas (inclusive: samples whose stack passes through them; they overlap):");
        print(areaCounts, total, AREAS.size());
        System.out.println();
        System.out.println("threads:");
        print(threadCounts, total, 10);
        System.out.println();
        System.out.printf("heap used after GC under load: max %d MB, mean %d MB over %d collections%n",
                maxAfterGc >> 20, gcs == 0 ? 0 : (sumAfterGc / gcs) >> 20, gcs);
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    /** Thread names without their numbers: "http-nio-127.0.0.1-18080-exec-7" counts as "http-nio-127.0.0.1-18080-exec-#". */
    private static String threadGroup(String name) {
        return name.replaceAll("\\d+$", "#");
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(total, 1), e.getKey()));
    }

    private JfrTop() {
    }
}
