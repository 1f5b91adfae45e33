package com.example.shop.orders.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where the order goes, copied at checkout so later address-book edits do not change it. */
@Embeddable
record ShippingAddress(
        @Column(name = "ship_name") String name,
        @Column(name = "ship_line1") String line1,
        @Column(name = "ship_line2") String line2,
        @Column(name = "ship_city") String city,
        @Column(name = "ship_postal_code") String postalCode,
        @Column(name = "ship_country") String country) {
}
