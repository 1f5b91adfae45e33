package com.example.shop.shared.scheduling;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.Utils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every scheduled job that must do its work once per run across instances carries ShedLock's
 * {@code @SchedulerLock} with a name of its own; a run that finds its lock held by another instance is skipped,
 * and that instance's next turn tries again. The locks are rows of the table {@code shedlock} in the
 * application's database: no further service is needed, and a lock is exactly as available as the data the
 * job works on.
 * <ul>
 * <li><b>Database time</b> ({@code usingDbTime()}): lock expiry is computed and compared with the database
 * server's {@code UTC_TIMESTAMP(3)}, so instances whose clocks disagree still agree on who holds a lock.</li>
 * <li><b>{@code lockAtMostFor}</b> frees the lock of an instance that died while it held it. It is set per job
 * above the job's worst run (Stripe calls included); a run that takes longer anyway lets another instance
 * start the same job, which every job tolerates, since each change it makes is a conditional update under a
 * row lock or an idempotent delete (docs/operations.md, "Scheduled jobs").</li>
 * <li><b>Order</b>: the lock is taken before, and released after, any transaction of the job's method, so
 * another instance never starts the job while this run's changes are not committed yet.</li>
 * </ul>
 * Locks are per job name: a job holding its lock never holds up another job. The scheduler keeps
 * {@code spring.task.scheduling.pool.size} threads, so a long run (reconciliation waiting on Stripe) does not
 * stall the others on this instance either.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m", order = Ordered.HIGHEST_PRECEDENCE)
class SchedulerLockConfiguration {

    @Bean
    LockProvider schedulerLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                // several instances may share a host: the process id tells them apart in the table
                .withLockedByValue(ProcessHandle.current().pid() + "@" + Utils.getHostname())
                .usingDbTime()
                .build());
    }
}
