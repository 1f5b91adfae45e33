package com.example.shop.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

    @Test
    void addsAndSubtractsInMinorUnits() {
        Money price = Money.of(1999, "EUR");
        assertThat(price.times(3)).isEqualTo(Money.of(5997, "EUR"));
        assertThat(price.plus(Money.of(1, "EUR"))).isEqualTo(Money.of(2000, "EUR"));
        assertThat(price.minus(Money.of(999, "EUR"))).isEqualTo(Money.of(1000, "EUR"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
                .withMessageContaining("currency mismatch");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").compareTo(Money.of(1, "USD")));
    }

    @Test
    void neverGoesNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(-1, "EUR"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(5, "EUR").minus(Money.of(6, "EUR")));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(5, "EUR").times(-1));
    }

    @Test
    void rejectsUnknownOrSloppyCurrencyCodes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "eur"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "XYZ1"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "QQQ")).withMessageContaining("unknown");
    }

    @Test
    void detectsOverflow() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Money.of(Long.MAX_VALUE, "EUR").times(2)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void comparesWithinOneCurrency() {
        assertThat(Money.of(2, "EUR").isGreaterThan(Money.of(1, "EUR"))).isTrue();
        assertThat(Money.zero(Money.currency("EUR")).isZero()).isTrue();
    }

    @Test
    void serialisesAsAmountAndCurrencyOnly() {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(json.writeValueAsString(Money.of(1999, "EUR"))).isEqualTo("{\"amount\":1999,\"currency\":\"EUR\"}");
        assertThat(json.readValue("{\"amount\":5,\"currency\":\"USD\"}", Money.class)).isEqualTo(Money.of(5, "USD"));
    }
}
