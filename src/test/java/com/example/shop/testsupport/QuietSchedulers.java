package com.example.shop.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The application's scheduled jobs stay quiet (their first run an hour away): tests run them by hand, at the
 * moment the test chooses. Without it a test context kept in the cache would, in the background, time out
 * or resubmit what other tests are looking at.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "shop.events.resubmission-initial-delay=1h",
        "shop.events.staleness-check-interval=1h",
        "shop.orders.payment-timeout-initial-delay=1h",
        "shop.payments.reconciliation.initial-delay=1h",
        "shop.cart.purge-initial-delay=1h",
        "shop.idempotency.purge-initial-delay=1h"
})
public @interface QuietSchedulers {
}
