package com.example.shop.catalog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Many buyers at once against the real database, through the real {@link Inventory} in real transactions. */
@IntegrationTest
class InventoryConcurrencyTests {

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    StockLedger ledger;

    @Test
    void fiftyBuyersForTenUnitsGiveExactlyTenReservations() throws Exception {
        VariantId product = new VariantId(new CatalogTestData(admin).product(1999, 10).id());
        int buyers = 50;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger reserved = new AtomicInteger();
        AtomicInteger outOfStock = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            for (int i = 0; i < buyers; i++) {
                pool.submit(() -> {
                    try {
                        start.await();
                        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(new StockLine(product, 1))));
                        reserved.incrementAndGet();
                    } catch (InsufficientStock e) {
                        assertThat(e.shortages()).singleElement()
                                .satisfies(s -> assertThat(s.variantId()).isEqualTo(product));
                        outOfStock.incrementAndGet();
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(unexpected).isEmpty();
        assertThat(reserved.get()).isEqualTo(10);
        assertThat(outOfStock.get()).isEqualTo(40);
        assertThat(ledger.level(product.value())).contains(new StockLevel(10, 10));
    }

    @Test
    void overlappingMultiLineReservationsNeitherDeadlockNorBreakTheInvariant() throws Exception {
        CatalogTestData data = new CatalogTestData(admin);
        int products = 5;
        int onHand = 40;
        List<VariantId> ids = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            ids.add(new VariantId(data.product(500 + i, onHand).id()));
        }
        int threads = 16;
        int rounds = 25;
        AtomicIntegerArray expectedReserved = new AtomicIntegerArray(products);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger outOfStock = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                long seed = t;
                pool.submit(() -> {
                    Random random = new Random(seed);
                    try {
                        start.await();
                        for (int round = 0; round < rounds; round++) {
                            List<Integer> picked = new ArrayList<>(List.of(0, 1, 2, 3, 4));
                            Collections.shuffle(picked, random);
                            picked = picked.subList(0, 2 + random.nextInt(products - 1));
                            List<StockLine> lines = new ArrayList<>();
                            int[] quantities = new int[products];
                            for (int index : picked) {
                                quantities[index] = 1 + random.nextInt(3);
                                lines.add(new StockLine(ids.get(index), quantities[index]));
                            }
                            try {
                                transactions.executeWithoutResult(tx -> inventory.reserve(lines));
                                succeeded.incrementAndGet();
                                boolean release = random.nextInt(3) == 0;
                                if (release) {
                                    List<StockLine> back = new ArrayList<>(lines);
                                    Collections.shuffle(back, random);
                                    transactions.executeWithoutResult(tx -> inventory.release(back));
                                }
                                for (int i = 0; i < products; i++) {
                                    if (!release) {
                                        expectedReserved.addAndGet(i, quantities[i]);
                                    }
                                }
                            } catch (InsufficientStock e) {
                                outOfStock.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(unexpected).as("no deadlock or other failure").isEmpty();
        assertThat(succeeded.get() + outOfStock.get()).isEqualTo(threads * rounds);
        assertThat(outOfStock.get()).as("the stock ran out on the way").isPositive();
        Map<java.util.UUID, StockLevel> levels = ledger.levels(ids.stream().map(VariantId::value).toList());
        for (int i = 0; i < products; i++) {
            StockLevel level = levels.get(ids.get(i).value());
            assertThat(level.onHand()).isEqualTo(onHand);
            assertThat(level.reserved()).isBetween(0, onHand).isEqualTo(expectedReserved.get(i));
        }
    }
}
