package com.example.shop.orders.internal;

import java.util.ArrayList;
import java.util.List;

import com.example.shop.cart.CheckoutCart;
import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;

/**
 * What checkout would charge for a cart: its lines (each with its share of the discount and its tax) and the
 * breakdown, in the shape of an order's.
 */
public record QuoteDetails(List<OrderDetails.Line> lines, Money subtotal, Money discount, Money shipping, Money tax,
        boolean taxIncluded, String taxRate, Money total, String shippingMethod, String shippingMethodName,
        Integer estimatedDays, String discountCode) {

    static QuoteDetails of(List<CheckoutCart.Line> cartLines, Quote quote) {
        List<OrderDetails.Line> lines = new ArrayList<>(cartLines.size());
        for (int i = 0; i < cartLines.size(); i++) {
            CheckoutCart.Line line = cartLines.get(i);
            Quote.Line priced = quote.lines().get(i);
            lines.add(new OrderDetails.Line(line.productId().value(), line.variantId().value(), line.sku(),
                    line.optionValues(), line.name(), line.unitPrice(),
                    line.quantity(), line.lineTotal(), priced.discount(), priced.tax()));
        }
        Quote.Shipping method = quote.shippingMethod();
        return new QuoteDetails(lines, quote.subtotal(), quote.discount(), quote.shipping(), quote.tax(),
                quote.taxIncluded(), quote.taxRate(), quote.total(), method == null ? null : method.code(),
                method == null ? null : method.name(), method == null ? null : method.estimatedDays(),
                quote.discountCodeValue());
    }
}
