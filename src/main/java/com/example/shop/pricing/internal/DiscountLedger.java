package com.example.shop.pricing.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.shared.persistence.UtcTimes;

/**
 * The uses of discount codes: one {@code pricing_discount_use} row per order reference, each buyer's count in
 * {@code pricing_discount_buyer}, and for a code with a usage limit {@code pricing_discount_code.times_used}. Single
 * SQL statements in the caller's transaction, never a read-check-write.
 * <ul>
 * <li><b>A code with a usage limit</b>: a use is taken by one conditional update of the code's row
 * ({@code times_used < usage_limit}); the row stays locked until the caller commits, so checkouts of the code
 * queue on it and the limit is exact.</li>
 * <li><b>A code without one</b> has no count to guard: a claim takes a <em>shared</em> lock on the code's row (to
 * read it as it is now and to keep an admin from changing it meanwhile), which claims of other orders share, so
 * checkouts of a popular code do not queue behind each other.</li>
 * <li><b>The buyer's count</b> is raised by an atomic upsert of the buyer's row and read back: two claims of one
 * buyer queue on that row, so the per-customer limit is exact either way.</li>
 * </ul>
 * Lock order, the same on every path: the code's row first, then the buyer's and the use rows. An admin's change of
 * a code takes the row's exclusive lock, which waits for the claims in flight, and counts the uses again
 * ({@link #recount}). Plain JDBC on purpose: the counts are never loaded into a persistence context, so no entity
 * writes a stale count back.
 */
@Component
class DiscountLedger {

    /** What a claim did; for a code outside its window, the window as the claim found it. */
    record Claim(Outcome outcome, @Nullable Instant startsAt, @Nullable Instant endsAt) {

        static final Claim CLAIMED = new Claim(Outcome.CLAIMED, null, null);

        static Claim refused(Outcome outcome) {
            return new Claim(outcome, null, null);
        }
    }

    enum Outcome {
        CLAIMED,
        /** Deleted or deactivated since it was priced. */
        GONE,
        NOT_YET_VALID,
        EXPIRED,
        /** Its usage limit is reached. */
        USED_UP,
        /** The buyer's per-customer limit is reached. */
        BUYER_LIMIT_REACHED
    }

    /** A use of a code, as stored. */
    record Use(UUID codeId, String buyerKey, boolean released) {
    }

    /** A code's row as a claim needs it, read under a lock. */
    private record Row(boolean active, @Nullable Instant startsAt, @Nullable Instant endsAt,
            @Nullable Integer usageLimit, @Nullable Integer perCustomerLimit) {
    }

    private final JdbcClient jdbc;

    DiscountLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one use of the code for {@code reference}, in the caller's transaction; the caller rolls back on
     * anything but {@link Claim#CLAIMED}.
     *
     * @param limited whether the code had a usage limit when it was priced: it decides which lock is taken first
     *                (the exclusive one straight away for a limited code, so that two claims never both hold a
     *                shared lock and wait to upgrade it)
     */
    Claim claim(UUID codeId, String reference, String buyerKey, Instant now, boolean limited) {
        Optional<Row> row = limited ? Optional.empty() : lock(codeId, "LOCK IN SHARE MODE");
        if (!limited && row.isEmpty()) {
            return Claim.refused(Outcome.GONE);
        }
        if (limited || row.get().usageLimit() != null) {
            // Limited (an admin may just have set the limit; then this upgrades the shared lock): one conditional
            // update takes the use or changes nothing.
            int taken = jdbc.sql("""
                    UPDATE pricing_discount_code SET times_used = times_used + 1
                    WHERE id = :id AND active = TRUE
                      AND (usage_limit IS NULL OR times_used < usage_limit)
                      AND (starts_at IS NULL OR starts_at <= :now)
                      AND (ends_at IS NULL OR ends_at > :now)""")
                    .param("id", BinaryUuids.bytes(codeId))
                    .param("now", UtcTimes.bind(now))
                    .update();
            row = lock(codeId, "FOR UPDATE"); // held already when taken: reads the row as the update left it
            if (taken != 1) {
                return row.map(refused -> refusal(refused, now)).orElse(Claim.refused(Outcome.GONE));
            }
        } else {
            Optional<Claim> outside = outsideItsWindow(row.get(), now);
            if (outside.isPresent()) {
                return outside.get();
            }
        }
        // One statement adds this use to the buyer's count (on the latest committed count, not this transaction's
        // snapshot, and keeping the buyer's row locked), the next reads it back.
        jdbc.sql("""
                INSERT INTO pricing_discount_buyer (code_id, buyer_key, uses) VALUES (:id, :buyer, 1)
                ON DUPLICATE KEY UPDATE uses = uses + 1""")
                .param("id", BinaryUuids.bytes(codeId))
                .param("buyer", buyerKey)
                .update();
        Integer perCustomerLimit = row.get().perCustomerLimit();
        if (perCustomerLimit != null) {
            int uses = jdbc.sql("SELECT uses FROM pricing_discount_buyer WHERE code_id = :id AND buyer_key = :buyer FOR UPDATE")
                    .param("id", BinaryUuids.bytes(codeId))
                    .param("buyer", buyerKey)
                    .query(Integer.class).single();
            if (uses > perCustomerLimit) {
                return Claim.refused(Outcome.BUYER_LIMIT_REACHED);
            }
        }
        jdbc.sql("""
                INSERT INTO pricing_discount_use (reference, code_id, buyer_key, claimed_at)
                VALUES (:reference, :id, :buyer, :now)""")
                .param("reference", reference)
                .param("id", BinaryUuids.bytes(codeId))
                .param("buyer", buyerKey)
                .param("now", UtcTimes.bind(now))
                .update();
        return Claim.CLAIMED;
    }

    /** Why the conditional update refused a use, from the row read again under its lock. */
    private static Claim refusal(Row row, Instant now) {
        return outsideItsWindow(row, now).orElse(Claim.refused(Outcome.USED_UP));
    }

    /** The refusal of a code deactivated or outside its window now; empty when it may be used. */
    private static Optional<Claim> outsideItsWindow(Row row, Instant now) {
        if (!row.active()) {
            return Optional.of(Claim.refused(Outcome.GONE));
        }
        if (row.startsAt() != null && now.isBefore(row.startsAt())) {
            return Optional.of(new Claim(Outcome.NOT_YET_VALID, row.startsAt(), null));
        }
        if (row.endsAt() != null && !now.isBefore(row.endsAt())) {
            return Optional.of(new Claim(Outcome.EXPIRED, null, row.endsAt()));
        }
        return Optional.empty();
    }

    private Optional<Row> lock(UUID codeId, String lock) {
        return jdbc.sql("""
                SELECT active, starts_at, ends_at, usage_limit, per_customer_limit
                FROM pricing_discount_code WHERE id = :id\s""" + lock)
                .param("id", BinaryUuids.bytes(codeId))
                .query((rs, n) -> new Row(rs.getBoolean(1), UtcTimes.instant(rs, 2), UtcTimes.instant(rs, 3),
                        (Integer) rs.getObject(4, Integer.class), (Integer) rs.getObject(5, Integer.class)))
                .optional();
    }

    /**
     * Gives back the use of {@code reference}, once: the use row is marked released by a conditional update, and
     * only the call that did so takes one off the buyer's count and, for a limited code, the code's.
     *
     * @return whether this call gave the use back
     */
    boolean release(String reference, Instant now) {
        Optional<Use> use = find(reference);
        if (use.isEmpty() || use.get().released()) {
            return false;
        }
        byte[] codeId = BinaryUuids.bytes(use.get().codeId());
        // the code's row first (the lock order of a claim): exclusively for a limited code, whose count changes
        boolean limited = jdbc.sql("SELECT usage_limit IS NOT NULL FROM pricing_discount_code WHERE id = :id")
                .param("id", codeId).query(Boolean.class).optional().orElse(false);
        Optional<Row> row = lock(use.get().codeId(), limited ? "FOR UPDATE" : "LOCK IN SHARE MODE");
        int released = jdbc.sql("""
                UPDATE pricing_discount_use SET released_at = :now
                WHERE reference = :reference AND released_at IS NULL""")
                .param("now", UtcTimes.bind(now))
                .param("reference", reference)
                .update();
        if (released != 1) {
            return false;
        }
        if (row.isPresent() && row.get().usageLimit() != null) {
            // (a limit set since this read waited for our shared lock and counts again after us)
            jdbc.sql("UPDATE pricing_discount_code SET times_used = times_used - 1 WHERE id = :id AND times_used > 0")
                    .param("id", codeId)
                    .update();
        }
        jdbc.sql("""
                UPDATE pricing_discount_buyer SET uses = uses - 1
                WHERE code_id = :id AND buyer_key = :buyer AND uses > 0""")
                .param("id", codeId)
                .param("buyer", use.get().buyerKey())
                .update();
        return true;
    }

    /**
     * Sets the code's {@code times_used} to the uses orders hold, under the row's exclusive lock (the caller's
     * transaction changes the code): a code without a usage limit does not keep its count on every claim, so it is
     * counted again whenever the code changes, and is right the moment a limit is set.
     */
    int recount(UUID codeId) {
        lock(codeId, "FOR UPDATE");
        // a locking read: the uses committed until now, not this transaction's snapshot
        int inUse = jdbc.sql("""
                SELECT COUNT(*) FROM pricing_discount_use WHERE code_id = :id AND released_at IS NULL LOCK IN SHARE MODE""")
                .param("id", BinaryUuids.bytes(codeId))
                .query(Integer.class).single();
        jdbc.sql("UPDATE pricing_discount_code SET times_used = :inUse WHERE id = :id")
                .param("inUse", inUse)
                .param("id", BinaryUuids.bytes(codeId))
                .update();
        return inUse;
    }

    /** How many uses of the code orders hold now (claimed, not given back). */
    int inUse(UUID codeId) {
        return jdbc.sql("SELECT COUNT(*) FROM pricing_discount_use WHERE code_id = :id AND released_at IS NULL")
                .param("id", BinaryUuids.bytes(codeId))
                .query(Integer.class).single();
    }

    /** How many uses of the code the buyer holds (claimed, not given back), as of this transaction's snapshot. */
    int usesBy(UUID codeId, String buyerKey) {
        return jdbc.sql("SELECT uses FROM pricing_discount_buyer WHERE code_id = :id AND buyer_key = :buyer")
                .param("id", BinaryUuids.bytes(codeId))
                .param("buyer", buyerKey)
                .query(Integer.class).optional().orElse(0);
    }

    Optional<Use> find(String reference) {
        return jdbc.sql("SELECT code_id, buyer_key, released_at FROM pricing_discount_use WHERE reference = :reference")
                .param("reference", reference)
                .query((rs, row) -> new Use(BinaryUuids.uuid(rs.getBytes(1)), rs.getString(2),
                        rs.getObject(3) != null))
                .optional();
    }
}
