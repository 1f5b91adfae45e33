/**
 * Start-up checks and switches: settings that must be given, with a clear failure when they are not, and the
 * optional shared services (Redis, RabbitMQ) that are on only when their connection is configured.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.config;
