package com.example.shop.notifications.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.example.shop.orders.OrderBreakdown;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;

/** Writes the mail for an order event: its subject, and its bodies from the kind's templates. */
@Component
class OrderMailComposer {

    private final MailTemplates templates;
    private final MailProperties properties;
    private final MailFormat format;

    OrderMailComposer(MailTemplates templates, MailProperties properties) {
        this.templates = templates;
        this.properties = properties;
        this.format = new MailFormat(properties.locale());
    }

    record Composed(MailKind kind, String subject, String text, String html) {
    }

    Composed compose(OrderEvent event) {
        MailKind kind = MailKind.of(event);
        Map<String, Object> model = new LinkedHashMap<>();
        String shop = properties.shopName();
        String ref = MailFormat.reference(event.orderId());
        model.put("shopName", shop);
        model.put("orderRef", ref);
        model.put("orderId", event.orderId().toString());
        model.put("occurredAt", format.time(event.occurredAt()));
        String subject;
        if (event instanceof OrderPlaced placed) {
            putOrder(model, placed.lines(), placed.breakdown());
            subject = shop + ": order " + ref + " received";
        } else if (event instanceof OrderPaid paid) {
            putOrder(model, paid.lines(), paid.breakdown());
            subject = shop + ": payment received for order " + ref;
        } else if (event instanceof OrderShipped shipped) {
            model.put("carrier", shipped.carrier());
            model.put("trackingNumber", shipped.trackingNumber());
            subject = shop + ": order " + ref + " is on its way";
        } else if (event instanceof OrderRefunded refunded) {
            model.put("amount", format.money(refunded.amount()));
            model.put("totalRefunded", format.money(refunded.totalRefunded()));
            model.put("orderTotal", format.money(refunded.orderTotal()));
            model.put("fullyRefunded", refunded.fullyRefunded());
            subject = shop + ": " + format.money(refunded.amount()) + " refunded on order " + ref;
        } else if (event instanceof OrderCancelled cancelled) {
            model.put("reason", cancelled.reason());
            subject = shop + ": order " + ref + " cancelled";
        } else {
            throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
        }
        MailTemplates.Bodies bodies = templates.render(kind.template(), model, properties.locale());
        return new Composed(kind, subject, bodies.text(), bodies.html());
    }

    private void putOrder(Map<String, Object> model, List<OrderItem> lines, OrderBreakdown breakdown) {
        model.put("lines", lines.stream().map(line -> Map.of(
                "name", line.name(),
                "sku", line.sku(),
                "quantity", line.quantity(),
                "unitPrice", format.money(line.unitPrice()),
                "lineTotal", format.money(line.lineTotal()))).toList());
        model.put("subtotal", format.money(breakdown.subtotal()));
        // zero amounts are left out of the breakdown, except the total
        model.put("discount", breakdown.discount().isZero() ? null : format.money(breakdown.discount()));
        model.put("discountCode", breakdown.discountCode());
        model.put("shipping", breakdown.shippingMethodName() == null && breakdown.shipping().isZero() ? null
                : format.money(breakdown.shipping()));
        model.put("shippingMethodName", breakdown.shippingMethodName());
        model.put("tax", breakdown.tax().isZero() ? null : format.money(breakdown.tax()));
        model.put("taxIncluded", breakdown.taxIncluded());
        model.put("total", format.money(breakdown.total()));
    }
}
