/**
 * The web foundation every module uses: the translation of exceptions into RFC 9457 problems, correlation ids,
 * request limits, OpenAPI.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.web;
