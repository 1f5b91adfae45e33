package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.ProductId;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Latches;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public read that raced an admin change cannot put its old page back into the cache: the reader
 * reads before the change commits and stores its page after the caches were cleared. The window is
 * made as wide as needed by pausing the reader after its first statements until the change is in.
 */
@IntegrationTest
class CatalogCacheRaceTests {

    @Autowired
    CatalogQueryService queries;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReaderThatReadBeforeAnAdminChangeCannotCacheTheOldPageAfterIt() throws Exception {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        ListingQuery query = ListingQuery.of(product.name(), null, null, null, 0, 20, null);
        CountDownLatch readerHasRead = new CountDownLatch(1);
        CountDownLatch changeCommitted = new CountDownLatch(1);
        // the reader's search runs as usual, then waits (its snapshot taken) until the change has committed
        ProductSearch pausing = new ProductSearch(jdbc) {
            @Override
            Result search(ListingQuery listing, Collection<UUID> categoryIds) {
                Result result = super.search(listing, categoryIds);
                if (listing.equals(query)) {
                    readerHasRead.countDown();
                    Latches.awaitOpen(changeCommitted);
                }
                return result;
            }
        };
        CatalogQueryService target = AopTestUtils.getTargetObject(queries);
        Object search = ReflectionTestUtils.getField(target, "search");
        ReflectionTestUtils.setField(target, "search", pausing);
        try {
            CompletableFuture<ProductPage> reader = CompletableFuture.supplyAsync(() -> queries.listing(query));
            assertThat(readerHasRead.await(30, TimeUnit.SECONDS)).isTrue();

            // commits, then clears the caches, while the reader is still inside its transaction
            admin.updateProduct(new ProductId(product.id()), 0, new ProductCommand(product.sku(), product.slug(),
                    product.name(), product.description(), 777, null, product.categorySlugs(), product.imageUrl(), true));
            changeCommitted.countDown();

            // the race happened: the reader's page was read before the change, and it was stored after it
            assertThat(reader.get(30, TimeUnit.SECONDS).content().get(0).price().amount()).isEqualTo(500);
        } finally {
            ReflectionTestUtils.setField(target, "search", search);
        }

        assertThat(queries.listing(query).content().get(0).price().amount()).isEqualTo(777);
        assertThat(queries.findPublic(product.slug()).orElseThrow().price().amount()).isEqualTo(777);
    }
}
