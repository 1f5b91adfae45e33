package com.example.shop.shared.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Dockerfile's training start for the class data sharing archive, as written there: its JVM options, the jar it
 * starts and the application arguments that keep the start off the database.
 */
record TrainingStart(List<String> jvmOptions, String jar, List<String> arguments) {

    static final String RUN_PREFIX = "RUN java -XX:ArchiveClassesAtExit=";

    static TrainingStart fromDockerfile() throws IOException {
        String joined = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
        String run = joined.lines()
                .filter(line -> line.startsWith(RUN_PREFIX))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The Dockerfile has no training start (" + RUN_PREFIX + ")"));
        String command = run.substring("RUN ".length()).split("&&")[0].trim();
        List<String> words = Arrays.asList(command.split("\\s+"));
        int jar = words.indexOf("-jar");
        if (jar < 0) {
            throw new IllegalStateException("The training start names no jar: " + command);
        }
        return new TrainingStart(words.subList(1, jar), words.get(jar + 1), words.subList(jar + 2, words.size()));
    }

    /** The value of one {@code --name=value} argument, or null. */
    String argument(String name) {
        return arguments.stream()
                .filter(argument -> argument.startsWith("--" + name + "="))
                .map(argument -> argument.substring(name.length() + 3))
                .findFirst()
                .orElse(null);
    }
}
