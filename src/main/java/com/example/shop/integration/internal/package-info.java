/** The integration module's implementation: the JSON of an order event, the listener, the confirmed publishing. */
@org.jspecify.annotations.NullMarked
package com.example.shop.integration.internal;
