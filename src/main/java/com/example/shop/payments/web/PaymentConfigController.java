package com.example.shop.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.payments.internal.PaymentsConfigView;

@RestController
@Tag(name = "Payments", description = "Stripe webhook and storefront configuration")
class PaymentConfigController {

    /** A copy of three values: a static {@code from}, no mapper (nothing here is worth MapStruct). */
    record PaymentConfig(String provider, String publishableKey, String currency) {

        static PaymentConfig from(PaymentsConfigView config) {
            return new PaymentConfig(config.provider(), config.publishableKey(), config.currency());
        }
    }

    private final PaymentsConfigView config;

    PaymentConfigController(PaymentsConfigView config) {
        this.config = config;
    }

    @GetMapping("/api/payments/config")
    @Operation(summary = "What the storefront needs to load Stripe.js (public)")
    PaymentConfig config() {
        return PaymentConfig.from(config);
    }
}
