package com.example.shop.shared.events;

/** Test scope: an event for {@link RegistryProbe}; {@code name} selects what its listener does. */
public record RegistryProbeEvent(String name) {
}
