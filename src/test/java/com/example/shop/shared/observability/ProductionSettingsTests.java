package com.example.shop.shared.observability;

import java.sql.Connection;

import javax.sql.DataSource;

import com.mysql.cj.conf.PropertyDefinitions;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import org.springframework.modulith.runtime.ApplicationModulesRuntime;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings production runs with, read from the running application rather than from the properties file: the
 * driver's connection properties (the test database's URL carries none of them), pooled connections without
 * auto-commit, the scheduler's pool, and no tracer at all while tracing is off.
 */
@IntegrationTest
class ProductionSettingsTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    ThreadPoolTaskScheduler scheduler;

    @Autowired
    ApplicationContext context;

    @Autowired
    EntityManagerFactory entityManagers;

    @Test
    void pooledConnectionsStartWithAutoCommitOffAndHibernateKnowsIt() throws Exception {
        assertThat(dataSource.unwrap(HikariDataSource.class).isAutoCommit()).isFalse();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getAutoCommit()).isFalse();
        }
        assertThat(entityManagers.getProperties())
                .containsEntry("hibernate.connection.provider_disables_autocommit", "true");
    }

    @Test
    void theDriverBatchesRewritesCachesStatementsAndTheServersConfigurationKeepsTheSessionStateItSetAndMakesNoSpans() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            var properties = connection.unwrap(JdbcConnection.class).getPropertySet();
            assertThat(properties.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue()).isTrue();
            assertThat(properties.getBooleanProperty(PropertyKey.cacheServerConfiguration).getValue()).isTrue();
            assertThat(properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
            assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue()).isEqualTo(250);
            assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue()).isEqualTo(2048);
            assertThat(properties.getBooleanProperty(PropertyKey.readOnlyPropagatesToServer).getValue()).isFalse();
            assertThat(properties.getBooleanProperty(PropertyKey.useLocalSessionState).getValue()).isTrue();
            assertThat(properties.<PropertyDefinitions.OpenTelemetry>getEnumProperty(PropertyKey.openTelemetry).getValue())
                    .isEqualTo(PropertyDefinitions.OpenTelemetry.DISABLED);
        }
    }

    @Test
    void theSchedulerHasAThreadForEachJobThatMayWaitOnStripeAndTwoForTheRest() {
        assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isEqualTo(4);
    }

    @Test
    void theModuleEndpointReadsTheCheckedInDescriptionAndNoRuntimeModelIsBuilt() {
        // the runtime model is an ArchUnit scan of every class at start-up, held in the heap afterwards
        assertThat(context.getBeanNamesForType(ApplicationModulesRuntime.class)).isEmpty();
        assertThat(context.getResource("classpath:" + ApplicationModulesExporter.DEFAULT_LOCATION).exists()).isTrue();
    }

    @Test
    void withTracingOffNoTracerExists() {
        assertThat(context.getBeanNamesForType(Tracer.class)).isEmpty();
    }
}
