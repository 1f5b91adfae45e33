-- The shop's invariants: every query lists the rows that break one, as (invariant, subject, detail).
-- No row at all means the database is consistent. Read by bench/invariants.sh and by the tests'
-- Invariants helper (src/test/java/com/example/shop/testsupport/Invariants.java), so both check the same.
--
-- Two session variables narrow what is looked at; set them before these statements or keep the defaults:
--   @since      only products, orders, payments and event publications made at or after this UTC time
--               (a test looks at what it made; a whole database: '1970-01-01')
--   @staleness  seconds an event publication may stay incomplete (in delivery, failed or waiting)
-- Runs on MariaDB 10.x/11.x and MySQL 8 (JSON_VALUE needs MySQL 8.0.21+).
SET @since = COALESCE(@since, TIMESTAMP('1970-01-01'));
SET @staleness = COALESCE(@staleness, 300);

-- Stock: never negative, never more reserved than on hand.
SELECT 'stock-levels' AS invariant, LOWER(HEX(s.product_id)) AS subject,
       CONCAT('on_hand=', s.on_hand, ' reserved=', s.reserved) AS detail
  FROM catalog_stock s JOIN catalog_product p ON p.id = s.product_id
 WHERE p.created_at >= @since AND (s.on_hand < 0 OR s.reserved < 0 OR s.reserved > s.on_hand);

-- Stock: what is reserved is exactly what the orders still waiting for their payment hold.
SELECT 'reserved-equals-open-orders' AS invariant, LOWER(HEX(s.product_id)) AS subject,
       CONCAT('reserved=', s.reserved, ' open order lines=', COALESCE(o.quantity, 0)) AS detail
  FROM catalog_stock s
  JOIN catalog_product p ON p.id = s.product_id
  LEFT JOIN (SELECT l.product_id, SUM(l.quantity) AS quantity
               FROM orders_order_line l JOIN orders_order o ON o.id = l.order_id
              WHERE o.status = 'PENDING_PAYMENT'
              GROUP BY l.product_id) o ON o.product_id = s.product_id
 WHERE p.created_at >= @since AND s.reserved <> COALESCE(o.quantity, 0);

-- Orders and payments: a paid order (also shipped or refunded since) has a captured payment of its total.
SELECT 'paid-order-has-its-payment' AS invariant, o.reference AS subject,
       CONCAT('order ', o.status, ' total=', o.total, ' ', o.currency, '; payment ',
              COALESCE(CONCAT(p.status, ' captured=', p.captured_amount, ' ', p.currency), 'none')) AS detail
  FROM (SELECT LOWER(CONCAT_WS('-', SUBSTR(HEX(id), 1, 8), SUBSTR(HEX(id), 9, 4), SUBSTR(HEX(id), 13, 4),
                                SUBSTR(HEX(id), 17, 4), SUBSTR(HEX(id), 21))) AS reference, status, total, currency
          FROM orders_order WHERE created_at >= @since) o
  LEFT JOIN payments_payment p ON p.reference = o.reference
 WHERE o.status IN ('PAID', 'SHIPPED', 'PARTIALLY_REFUNDED', 'REFUNDED')
   AND (p.id IS NULL OR p.status NOT IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')
        OR p.captured_amount <> o.total OR p.currency <> o.currency);

-- Orders and payments: money captured for an order that still waits for it, or was cancelled and never got it
-- back (a payment that arrives after the cancellation is refunded in full).
SELECT 'payment-applied-to-its-order' AS invariant, o.reference AS subject,
       CONCAT('order ', o.status, '; payment ', p.status, ' captured=', p.captured_amount) AS detail
  FROM (SELECT LOWER(CONCAT_WS('-', SUBSTR(HEX(id), 1, 8), SUBSTR(HEX(id), 9, 4), SUBSTR(HEX(id), 13, 4),
                                SUBSTR(HEX(id), 17, 4), SUBSTR(HEX(id), 21))) AS reference, status
          FROM orders_order WHERE created_at >= @since) o
  JOIN payments_payment p ON p.reference = o.reference
 WHERE (o.status = 'PENDING_PAYMENT' AND p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'))
    OR (o.status = 'CANCELLED' AND p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED'));

-- Payments: never more captured than asked for, never more refunded than captured; an order never refunds more
-- than its total.
SELECT 'payment-amounts' AS invariant, p.reference AS subject,
       CONCAT('amount=', p.amount, ' captured=', p.captured_amount, ' refunded=', p.refunded_amount) AS detail
  FROM payments_payment p
 WHERE p.created_at >= @since AND (p.captured_amount > p.amount OR p.refunded_amount > p.captured_amount
       OR p.captured_amount < 0 OR p.refunded_amount < 0);
SELECT 'order-refund-within-total' AS invariant, LOWER(HEX(o.id)) AS subject,
       CONCAT('total=', o.total, ' refunded=', o.refunded_amount) AS detail
  FROM orders_order o
 WHERE o.created_at >= @since AND (o.refunded_amount > o.total OR o.refunded_amount < 0);

-- No payment confirmed twice: payments reports a payment's success once, and an order is paid once (counted
-- per listener over the live, archived and given-up publications).
SELECT 'payment-confirmed-once' AS invariant, e.reference AS subject,
       CONCAT(e.kind, ' published ', COUNT(*), ' times to ', e.listener_id) AS detail
  FROM (SELECT 'PaymentSucceeded' AS kind, JSON_VALUE(serialized_event, '$.reference') AS reference, listener_id
          FROM event_publication WHERE event_type LIKE '%.PaymentSucceeded' AND publication_date >= @since
        UNION ALL
        SELECT 'PaymentSucceeded', JSON_VALUE(serialized_event, '$.reference'), listener_id
          FROM event_publication_archive WHERE event_type LIKE '%.PaymentSucceeded' AND publication_date >= @since
        UNION ALL
        SELECT 'PaymentSucceeded', JSON_VALUE(serialized_event, '$.reference'), listener_id
          FROM event_publication_dead_letter WHERE event_type LIKE '%.PaymentSucceeded' AND publication_date >= @since
        UNION ALL
        SELECT 'OrderPaid', COALESCE(JSON_VALUE(serialized_event, '$.orderId.value'), JSON_VALUE(serialized_event, '$.orderId')), listener_id
          FROM event_publication WHERE event_type LIKE '%.OrderPaid' AND publication_date >= @since
        UNION ALL
        SELECT 'OrderPaid', COALESCE(JSON_VALUE(serialized_event, '$.orderId.value'), JSON_VALUE(serialized_event, '$.orderId')), listener_id
          FROM event_publication_archive WHERE event_type LIKE '%.OrderPaid' AND publication_date >= @since) e
 GROUP BY e.kind, e.reference, e.listener_id
HAVING COUNT(*) > 1;

-- Events: nothing left undelivered longer than the staleness limit, and nothing given up on.
SELECT 'publication-completed' AS invariant, LOWER(HEX(id)) AS subject,
       CONCAT(SUBSTRING_INDEX(event_type, '.', -1), ' to ', SUBSTRING_INDEX(listener_id, '.', -2), ' ',
              COALESCE(status, 'no status'), ' since ', publication_date, ', attempts ', completion_attempts) AS detail
  FROM event_publication
 WHERE completion_date IS NULL AND publication_date >= @since
   AND publication_date < UTC_TIMESTAMP(6) - INTERVAL @staleness SECOND;
SELECT 'publication-not-given-up' AS invariant, LOWER(HEX(id)) AS subject,
       CONCAT(SUBSTRING_INDEX(event_type, '.', -1), ' given up at ', given_up_at) AS detail
  FROM event_publication_dead_letter
 WHERE publication_date >= @since;
