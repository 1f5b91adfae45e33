package com.example.shop.shared.persistence;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.metamodel.spi.ValueAccess;
import org.hibernate.type.SqlTypes;
import org.hibernate.usertype.CompositeUserType;
import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * The one way an entity stores {@link Money}: two columns, the amount in minor units ({@code BIGINT}) and the
 * ISO-4217 code ({@code CHAR(3)}). An entity maps a {@code Money} field with {@code @CompositeType(MoneyType.class)}
 * and names its columns with {@code @AttributeOverride(name = "amount", ...)} and
 * {@code @AttributeOverride(name = "currency", ...)}.
 * <p>
 * A custom type rather than an {@code @Embeddable}: {@code Money} is a value of the shared kernel that module
 * APIs and events carry, and it stays free of persistence annotations; its own constructor checks every value
 * read back (no negative amount, a known upper-case code).
 * <p>
 * Where one aggregate keeps many amounts in one currency (an order, a payment), they share one currency column:
 * one attribute writes it, the others map the same column with {@code insertable = false, updatable = false}
 * (see {@code Order} and {@code Payment}).
 */
public class MoneyType implements CompositeUserType<Money> {

    /** The mapped attributes, in Hibernate's (alphabetical) order: 0 amount, 1 currency. Metadata only. */
    static final class Columns {

        long amount;

        @JdbcTypeCode(SqlTypes.CHAR)
        @Column(length = 3)
        String currency;
    }

    @Override
    public Object getPropertyValue(Money money, int property) {
        return switch (property) {
            case 0 -> money.amount();
            case 1 -> money.currencyCode();
            default -> throw new IllegalArgumentException("Money has no property " + property);
        };
    }

    @Override
    public @Nullable Money instantiate(ValueAccess values) {
        Number amount = values.getValue(0, Number.class);
        String currency = values.getValue(1, String.class);
        if (amount == null && currency == null) {
            return null;
        }
        return Money.of(Objects.requireNonNull(amount, "amount").longValue(), currency);
    }

    @Override
    public Class<?> embeddable() {
        return Columns.class;
    }

    @Override
    public Class<Money> returnedClass() {
        return Money.class;
    }

    @Override
    public boolean equals(@Nullable Money x, @Nullable Money y) {
        return Objects.equals(x, y);
    }

    @Override
    public int hashCode(@Nullable Money money) {
        return Objects.hashCode(money);
    }

    @Override
    public @Nullable Money deepCopy(@Nullable Money money) {
        return money; // immutable
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    public @Nullable Serializable disassemble(@Nullable Money money) {
        return money == null ? null : new Object[] { money.amount(), money.currencyCode() };
    }

    @Override
    public @Nullable Money assemble(@Nullable Serializable cached, Object owner) {
        if (cached == null) {
            return null;
        }
        Object[] parts = (Object[]) cached;
        return Money.of((Long) parts[0], (String) parts[1]);
    }

    @Override
    public @Nullable Money replace(@Nullable Money detached, @Nullable Money managed, Object owner) {
        return detached; // immutable
    }
}
