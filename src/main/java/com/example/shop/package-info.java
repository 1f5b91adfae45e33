/**
 * The shop: a modular monolith whose modules are the sub-packages; see each module's {@code package-info}.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop;
