/**
 * The one place that declares public and protected routes, JWT resource-server settings and CORS.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.security;
