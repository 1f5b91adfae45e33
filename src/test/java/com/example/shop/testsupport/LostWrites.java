package com.example.shop.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Watches a test context's data source for writes that are lost: a connection that goes back to the pool with a
 * write on it that was neither committed nor rolled back, while it does not auto-commit. Pooled connections start
 * with auto-commit off (application.properties), and the pool rolls such a write back, so it is a write made
 * outside any transaction, which production would lose the same way.
 * <p>
 * {@link SqlStatements} puts it on every test context's data source; {@link LostWritesCheck} fails the test during
 * which a write was lost, with the statement, the thread and where it was made.
 */
final class LostWrites implements QueryExecutionListener, MethodExecutionListener {

    private static final Pattern WRITE = Pattern.compile("^\\W*(insert|update|delete|replace)\\b");

    /** What was lost since the last look, from every test context. */
    private static final Queue<String> LOST = new ConcurrentLinkedQueue<>();

    /** The first write on each connection of this data source since its last commit or rollback. */
    private final Map<String, Write> pending = new ConcurrentHashMap<>();

    private record Write(String sql, String thread, Throwable where) {
    }

    /** The writes lost since the last call, described; empty when none. */
    static List<String> drain() {
        List<String> lost = new ArrayList<>();
        for (String write = LOST.poll(); write != null; write = LOST.poll()) {
            lost.add(write);
        }
        return lost;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        if (!execution.isSuccess() || queries.isEmpty() || pending.containsKey(execution.getConnectionId())) {
            return;
        }
        String sql = queries.get(0).getQuery();
        if (!WRITE.matcher(sql.toLowerCase(Locale.ROOT)).find()) {
            return;
        }
        // where it was made matters only when it is lost, i.e. outside a Spring transaction: no stack trace for
        // the rest
        Throwable where = TransactionSynchronizationManager.isActualTransactionActive() ? null
                : new Throwable("the write was made here");
        pending.put(execution.getConnectionId(), new Write(sql.replaceAll("\\s+", " ").strip(),
                Thread.currentThread().getName(), where));
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
        if (!(context.getTarget() instanceof Connection connection) || context.getConnectionInfo() == null) {
            return;
        }
        String id = context.getConnectionInfo().getConnectionId();
        Object[] args = context.getMethodArgs();
        switch (context.getMethod().getName()) {
            // an attempt is enough: a commit or rollback that fails leaves the database to roll back
            case "commit" -> pending.remove(id);
            case "rollback" -> {
                if (args == null || args.length == 0) {
                    pending.remove(id);
                }
            }
            case "setAutoCommit" -> {
                if (Boolean.TRUE.equals(args[0])) {
                    pending.remove(id); // switching auto-commit on commits what is open
                }
            }
            case "close" -> {
                Write write = pending.remove(id);
                if (write != null && !autoCommits(connection)) {
                    LOST.add(describe(write));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
    }

    private static boolean autoCommits(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (SQLException broken) {
            return true; // a broken connection: nothing to say about it
        }
    }

    private static String describe(Write write) {
        StringBuilder text = new StringBuilder("a write outside any transaction, rolled back when its connection "
                + "went back to the pool: " + write.sql() + " (thread " + write.thread() + ")");
        if (write.where() != null) {
            // the application's and the tests' frames; the first frames of all when none is theirs (a library)
            StackTraceElement[] frames = write.where().getStackTrace();
            List<StackTraceElement> ours = Arrays.stream(frames)
                    .filter(frame -> frame.getClassName().startsWith("com.example.shop.")
                            && !frame.getClassName().equals(LostWrites.class.getName()))
                    .toList();
            (ours.isEmpty() ? List.of(frames).subList(0, Math.min(frames.length, 25)) : ours)
                    .forEach(frame -> text.append("\n    at ").append(frame));
        }
        return text.toString();
    }
}
