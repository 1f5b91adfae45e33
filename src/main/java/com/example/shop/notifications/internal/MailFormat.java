package com.example.shop.notifications.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.example.shop.orders.OrderId;
import com.example.shop.shared.Money;

/** How the mails write amounts, times and order numbers, in the shop's locale. */
final class MailFormat {

    private final Locale locale;
    private final DateTimeFormatter time;

    MailFormat(Locale locale) {
        this.locale = locale;
        this.time = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", locale).withZone(ZoneOffset.UTC);
    }

    /** {@code 1250 EUR} in {@code en-GB} is {@code €12.50}; a currency without minor units has no decimals. */
    String money(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(money.amount(), digits));
    }

    String time(Instant instant) {
        return time.format(instant);
    }

    /** The order's short reference a person can read out: the first eight characters of its id, upper case. */
    static String reference(OrderId orderId) {
        return orderId.value().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
