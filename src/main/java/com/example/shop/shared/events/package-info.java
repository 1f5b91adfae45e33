/**
 * Maintenance of the event publication registry: resubmission, staleness, dead letters.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.events;
