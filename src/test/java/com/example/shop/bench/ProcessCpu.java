package com.example.shop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * CPU time of other processes on this Linux host, read from {@code /proc/<pid>/stat} (user + system ticks), so a
 * load driver can charge one phase of a benchmark to each process it names: the app, the Stripe stand-in in its
 * own JVM, the database. Neither the JDK nor a library reads another process's CPU time; the format is the
 * kernel's (proc(5)): fields 14 and 15 after the command name in parentheses. A name ending in {@code _jit} counts
 * only the JVM's JIT compiler threads ({@code /proc/<pid>/task/<tid>/stat} of the threads named {@code C1/C2
 * CompilerThre…}), so a figure can say how much of it was still compilation.
 */
final class ProcessCpu {

    /** USER_HZ: the kernel reports these times in clock ticks of 10 ms on every Linux build this runs on. */
    private static final double MS_PER_TICK = 10.0;

    record Watched(String name, long pid) {

        boolean compilerOnly() {
            return name.endsWith("_jit");
        }
    }

    private ProcessCpu() {
    }

    /** {@code name:pid,name:pid} ({@code self} for this JVM); an empty string watches nothing. */
    static List<Watched> parse(String spec) {
        List<Watched> watched = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameAndPid = part.trim().split(":");
            long pid = nameAndPid[1].equals("self") ? ProcessHandle.current().pid() : Long.parseLong(nameAndPid[1]);
            watched.add(new Watched(nameAndPid[0], pid));
        }
        return watched;
    }

    static long[] read(List<Watched> watched) {
        long[] ticks = new long[watched.size()];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = watched.get(i).compilerOnly() ? compilerTicks(watched.get(i).pid()) : ticks(watched.get(i).pid());
        }
        return ticks;
    }

    /** "app=3.1 stripe=0.4 …": milliseconds of CPU per unit of work for each process. */
    static String perUnit(List<Watched> watched, long[] before, long[] after, int units) {
        StringJoiner line = new StringJoiner(" ");
        for (int i = 0; i < before.length; i++) {
            line.add("%s=%.2f".formatted(watched.get(i).name(), (after[i] - before[i]) * MS_PER_TICK / units));
        }
        return line.toString();
    }

    private static long ticks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The JIT compiler threads' ticks: their names ({@code comm}) start with "C1 Compiler" or "C2 Compiler". */
    private static long compilerTicks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).matches("C[12] Compiler.*\\s*");
                } catch (IOException e) {
                    return false; // the thread ended meanwhile
                }
            }).mapToLong(task -> ticks(task.resolve("stat"))).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3 of proc(5), so utime (14) and stime (15) are at 11 and 12 here
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
