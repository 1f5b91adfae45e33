/**
 * The payments module's implementation: the payment ledger, the Stripe gateway, webhook processing, reconciliation.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.payments.internal;
