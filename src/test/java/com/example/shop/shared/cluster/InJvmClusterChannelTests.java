package com.example.shop.shared.cluster;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel of a single instance: a direct call, timed by the transaction. */
class InJvmClusterChannelTests {

    final InJvmClusterChannel channel = new InJvmClusterChannel();
    final TransactionTemplate transactions = new TransactionTemplate(new NoResources());

    @Test
    void aMessageReachesEveryLocalSubscriberOfItsTopicAtOnce() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Recorder other = new Recorder();
        channel.subscribe("catalog.changed", first);
        channel.subscribe("catalog.changed", second);
        channel.subscribe("orders.changed", other);

        channel.publish("catalog.changed", "hello");

        assertThat(first.received).containsExactly("hello");
        assertThat(second.received).containsExactly("hello");
        assertThat(other.received).isEmpty();
        assertThat(first.missed).hasValue(0);
    }

    @Test
    void afterCommitMeansAfterTheCommitAndNeverAfterARollback() {
        Recorder recorder = new Recorder();
        channel.subscribe("catalog.changed", recorder);

        transactions.executeWithoutResult(tx -> {
            channel.publishAfterCommit("catalog.changed", "committed");
            assertThat(recorder.received).isEmpty();
        });
        assertThat(recorder.received).containsExactly("committed");

        transactions.executeWithoutResult(tx -> {
            channel.publishAfterCommit("catalog.changed", "rolled back");
            tx.setRollbackOnly();
        });
        assertThat(recorder.received).containsExactly("committed");

        channel.publishAfterCommit("catalog.changed", "no transaction");
        assertThat(recorder.received).containsExactly("committed", "no transaction");
    }

    @Test
    void oneFailingSubscriberKeepsTheMessageFromNoOtherAndFailsNoPublisher() {
        Recorder recorder = new Recorder();
        channel.subscribe("catalog.changed", new ClusterSubscriber() {
            @Override
            public void received(String message) {
                throw new IllegalStateException("broken subscriber");
            }

            @Override
            public void mayHaveMissed() {
            }
        });
        channel.subscribe("catalog.changed", recorder);

        transactions.executeWithoutResult(tx -> channel.publishAfterCommit("catalog.changed", "m"));

        assertThat(recorder.received).containsExactly("m");
    }

    @Test
    void topicsAreShortDottedNames() {
        assertThatThrownBy(() -> channel.subscribe("shop:catalog", new Recorder()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel.publish("Catalog Changed", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Transactions with synchronisation and nothing behind them: the timing of commit and rollback only. */
    static final class NoResources extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
