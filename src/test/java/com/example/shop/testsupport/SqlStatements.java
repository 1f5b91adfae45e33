package com.example.shop.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts what one piece of work sends to the database on the calling thread: every statement execution (a JDBC
 * batch is one execution, one round trip with {@code rewriteBatchedStatements}), every commit and rollback, and
 * every switch of a connection's auto-commit or read-only mode.
 * The test contexts' data source is wrapped with datasource-proxy for it; recording is off unless a test asks, and
 * only the thread that asked is recorded (a request through MockMvc runs on the test's thread; listeners that
 * run after the commit on other threads are not counted).
 * <p>
 * The same wrapper watches for writes lost outside any transaction ({@link LostWrites}), in every test.
 * <p>
 * The dev run does not scan test sources, so the benchmark's data source is not wrapped.
 */
@Component
public class SqlStatements implements BeanPostProcessor {

    /** What went to the database: the SQL of each execution (a batch as one, with its size) and the commits. */
    public record Recording(List<String> statements, int commits, int rollbacks, int autoCommitSwitches,
            int readOnlySwitches) {

        /**
         * Executions, commits and rollbacks: the round trips the code asks for. Switching a connection's
         * auto-commit mode ({@link #autoCommitSwitches}) costs one more each; a read-only switch
         * ({@link #readOnlySwitches}) stays in the driver ({@code readOnlyPropagatesToServer=false}).
         */
        public int roundTrips() {
            return statements.size() + commits + rollbacks;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(statements.size() + " statements, " + commits + " commits, "
                    + rollbacks + " rollbacks, " + autoCommitSwitches + " auto-commit switches, " + readOnlySwitches
                    + " read-only switches:\n");
            statements.forEach(sql -> text.append("  ").append(sql).append('\n'));
            return text.toString();
        }
    }

    private static final ThreadLocal<Recorder> RECORDER = new ThreadLocal<>();

    private static final class Recorder {
        final List<String> statements = new ArrayList<>();
        int commits;
        int rollbacks;
        int autoCommitSwitches;
        int readOnlySwitches;
    }

    /** Runs {@code work} and returns what it sent to the database from this thread. */
    public <T> Recording record(Callable<T> work) throws Exception {
        Recorder recorder = new Recorder();
        RECORDER.set(recorder);
        try {
            work.call();
        } finally {
            RECORDER.remove();
        }
        return new Recording(List.copyOf(recorder.statements), recorder.commits, recorder.rollbacks,
                recorder.autoCommitSwitches, recorder.readOnlySwitches);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean.getClass().getName().startsWith("net.ttddyy.")) {
            return bean;
        }
        LostWrites lostWrites = new LostWrites();
        return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                .listener(lostWrites)
                .methodListener(lostWrites)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                    }

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        Recorder recorder = RECORDER.get();
                        if (recorder != null) {
                            String sql = queries.isEmpty() ? "?" : queries.get(0).getQuery().replaceAll("\\s+", " ").strip();
                            recorder.statements.add(execution.isBatch() ? "[batch of " + execution.getBatchSize() + "] " + sql : sql);
                        }
                    }
                })
                .methodListener(new MethodExecutionListener() {
                    @Override
                    public void beforeMethod(MethodExecutionContext context) {
                    }

                    @Override
                    public void afterMethod(MethodExecutionContext context) {
                        Recorder recorder = RECORDER.get();
                        if (recorder == null || context.getThrown() != null
                                || !(context.getTarget() instanceof java.sql.Connection)) {
                            return;
                        }
                        switch (context.getMethod().getName()) {
                            case "commit" -> recorder.commits++;
                            case "rollback" -> recorder.rollbacks++;
                            case "setAutoCommit" -> recorder.autoCommitSwitches++;
                            case "setReadOnly" -> recorder.readOnlySwitches++;
                            default -> {
                            }
                        }
                    }
                })
                .build();
    }
}
