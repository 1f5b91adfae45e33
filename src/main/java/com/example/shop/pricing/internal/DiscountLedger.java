package com.example.shop.pricing.internal;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uses of discount codes: {@code pricing_discount_code.times_used}, one {@code pricing_discount_use} row per
 * order reference, and each buyer's count in {@code pricing_discount_buyer}. Single SQL statements in the caller's
 * transaction, never a read-check-write: a use is taken by a conditional update of the code's row, and everything
 * after it in the same transaction happens under that row's lock.
 * <p>
 * Lock order, the same on every path: the code's row first, then the use and buyer rows. Claims and releases of
 * one code so queue on one row and never deadlock with each other. Plain JDBC on purpose: the counts are never
 * loaded into a persistence context, so no entity writes a stale count back.
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

    private final JdbcClient jdbc;

    DiscountLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one use of the code for {@code reference}: one conditional update of the code's row (active, inside its
     * window, below its usage limit), then under that row's lock the buyer's count, against
     * {@code perCustomerLimit} when there is one. The caller rolls back on anything but {@link Claim#CLAIMED}.
     */
    Claim claim(UUID codeId, String reference, String buyerKey, Instant now) {
        int taken = jdbc.sql("""
                UPDATE pricing_discount_code SET times_used = times_used + 1
                WHERE id = :id AND active = TRUE
                  AND (usage_limit IS NULL OR times_used < usage_limit)
                  AND (starts_at IS NULL OR starts_at <= :now)
                  AND (ends_at IS NULL OR ends_at > :now)""")
                .param("id", bytes(codeId))
                .param("now", Timestamp.from(now))
                .update();
        if (taken != 1) {
            return refusal(codeId, now);
        }
        // Under the code row's lock: one statement adds this use to the buyer's count (reading the latest
        // committed count, not this transaction's snapshot), the next reads it back.
        jdbc.sql("""
                INSERT INTO pricing_discount_buyer (code_id, buyer_key, uses) VALUES (:id, :buyer, 1)
                ON DUPLICATE KEY UPDATE uses = uses + 1""")
                .param("id", bytes(codeId))
                .param("buyer", buyerKey)
                .update();
        Integer perCustomerLimit = jdbc.sql("SELECT per_customer_limit FROM pricing_discount_code WHERE id = :id FOR UPDATE")
                .param("id", bytes(codeId))
                .query(Integer.class).optional().orElse(null);
        if (perCustomerLimit != null) {
            int uses = jdbc.sql("SELECT uses FROM pricing_discount_buyer WHERE code_id = :id AND buyer_key = :buyer FOR UPDATE")
                    .param("id", bytes(codeId))
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
                .param("id", bytes(codeId))
                .param("buyer", buyerKey)
                .param("now", Timestamp.from(now))
                .update();
        return Claim.CLAIMED;
    }

    /** Why the conditional update refused: the row read again under its lock (the update saw its latest version). */
    private Claim refusal(UUID codeId, Instant now) {
        return jdbc.sql("""
                SELECT active, starts_at, ends_at FROM pricing_discount_code WHERE id = :id FOR UPDATE""")
                .param("id", bytes(codeId))
                .query((rs, row) -> {
                    Timestamp startsAt = rs.getTimestamp(2);
                    Timestamp endsAt = rs.getTimestamp(3);
                    if (!rs.getBoolean(1)) {
                        return Claim.refused(Outcome.GONE);
                    }
                    if (startsAt != null && now.isBefore(startsAt.toInstant())) {
                        return new Claim(Outcome.NOT_YET_VALID, startsAt.toInstant(), null);
                    }
                    if (endsAt != null && !now.isBefore(endsAt.toInstant())) {
                        return new Claim(Outcome.EXPIRED, null, endsAt.toInstant());
                    }
                    return Claim.refused(Outcome.USED_UP);
                })
                .optional().orElse(Claim.refused(Outcome.GONE));
    }

    /**
     * Gives back the use of {@code reference}, once: the use row is marked released by a conditional update, and
     * only the call that did so takes one off the code's and the buyer's counts.
     *
     * @return whether this call gave the use back
     */
    boolean release(String reference, Instant now) {
        Optional<Use> use = find(reference);
        if (use.isEmpty() || use.get().released()) {
            return false;
        }
        byte[] codeId = bytes(use.get().codeId());
        // the code's row first (the lock order of a claim); it may have been deleted meanwhile
        jdbc.sql("SELECT id FROM pricing_discount_code WHERE id = :id FOR UPDATE").param("id", codeId)
                .query(byte[].class).optional();
        int released = jdbc.sql("""
                UPDATE pricing_discount_use SET released_at = :now
                WHERE reference = :reference AND released_at IS NULL""")
                .param("now", Timestamp.from(now))
                .param("reference", reference)
                .update();
        if (released != 1) {
            return false;
        }
        jdbc.sql("UPDATE pricing_discount_code SET times_used = times_used - 1 WHERE id = :id AND times_used > 0")
                .param("id", codeId)
                .update();
        jdbc.sql("""
                UPDATE pricing_discount_buyer SET uses = uses - 1
                WHERE code_id = :id AND buyer_key = :buyer AND uses > 0""")
                .param("id", codeId)
                .param("buyer", use.get().buyerKey())
                .update();
        return true;
    }

    /** How many uses of the code the buyer holds (claimed, not given back), as of this transaction's snapshot. */
    int usesBy(UUID codeId, String buyerKey) {
        return jdbc.sql("SELECT uses FROM pricing_discount_buyer WHERE code_id = :id AND buyer_key = :buyer")
                .param("id", bytes(codeId))
                .param("buyer", buyerKey)
                .query(Integer.class).optional().orElse(0);
    }

    Optional<Use> find(String reference) {
        return jdbc.sql("SELECT code_id, buyer_key, released_at FROM pricing_discount_use WHERE reference = :reference")
                .param("reference", reference)
                .query((rs, row) -> new Use(uuid(rs.getBytes(1)), rs.getString(2), rs.getTimestamp(3) != null))
                .optional();
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
