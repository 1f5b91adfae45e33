/**
 * Start-up checks: settings that must be given, and a clear failure when they are not.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.config;
