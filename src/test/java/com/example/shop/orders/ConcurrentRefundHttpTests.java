package com.example.shop.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/admin/orders/{id}/refunds} sent by several admins at once, under different keys, for
 * amounts that together exceed what was paid: the order's own check passes for each (the order hears of a
 * refund only from payments' event), so payments' reservation under the payment's row lock decides.
 */
@IntegrationTest
class ConcurrentRefundHttpTests {

    @Autowired
    OrderFixtures fixtures;

    @Test
    void concurrentAdminRefundsAboveWhatWasPaidReachStripeOnceAndTheOthersGet409() throws Exception {
        OrderFixtures.Placed order = fixtures.paidOrder(Tokens.customer(), 3000, 5, 1);
        int admins = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        List<MockHttpServletResponse> responses = new ArrayList<>();
        try {
            List<Future<MockHttpServletResponse>> results = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                String key = "concurrent-refund-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return fixtures.refund(Tokens.admin(), order.orderId(), key, "{\"amount\": 2000, \"reason\": \"damaged\"}")
                            .andReturn().getResponse();
                }));
            }
            go.countDown();
            for (Future<MockHttpServletResponse> result : results) {
                responses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).extracting(MockHttpServletResponse::getStatus)
                .containsExactlyInAnyOrder(202, 409, 409);
        for (MockHttpServletResponse loser : responses.stream().filter(r -> r.getStatus() == 409).toList()) {
            assertThat(loser.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat((String) JsonPath.read(loser.getContentAsString(), "$.type"))
                    .isEqualTo("https://shop.example/problems/not-refundable");
            assertThat((String) JsonPath.read(loser.getContentAsString(), "$.detail")).contains("1000 EUR");
        }
        assertThat(fixtures.refundRequests(order.paymentIntentId())).hasSize(1);
        assertThat(fixtures.stripe.refundsOf(order.paymentIntentId())).hasSize(1);
        fixtures.awaitStatus(order.orderId(), "PARTIALLY_REFUNDED");
    }
}
