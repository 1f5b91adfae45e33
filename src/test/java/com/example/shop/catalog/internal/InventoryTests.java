package com.example.shop.catalog.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.ProductSnapshot;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's API for other modules, on the real database. */
@IntegrationTest
class InventoryTests {

    @Autowired
    Inventory inventory;

    @Autowired
    Catalog catalog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    StockLedger ledger;

    CatalogTestData data() {
        return new CatalogTestData(admin);
    }

    void inTransaction(Runnable work) {
        transactions.executeWithoutResult(tx -> work.run());
    }

    StockLevel level(VariantId id) {
        return ledger.level(id.value()).orElseThrow();
    }

    @Test
    void reservationIsAllOrNothingAndReportsOnlyTheShortLines() {
        VariantId plenty = new VariantId(data().product(100, 10).id());
        VariantId scarce = new VariantId(data().product(100, 2).id());

        assertThatThrownBy(() -> inTransaction(() -> inventory.reserve(List.of(
                new StockLine(plenty, 4), new StockLine(scarce, 3)))))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.shortages())
                        .containsExactly(new InsufficientStock.Shortage(new ProductId(scarce.value()), scarce, 3, 2)));

        assertThat(level(plenty)).isEqualTo(new StockLevel(10, 0));
        assertThat(level(scarce)).isEqualTo(new StockLevel(2, 0));
    }

    @Test
    void linesForTheSameProductAddUp() {
        VariantId product = new VariantId(data().product(100, 5).id());

        assertThatThrownBy(() -> inTransaction(() -> inventory.reserve(List.of(
                new StockLine(product, 3), new StockLine(product, 3)))))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.shortages())
                        .containsExactly(new InsufficientStock.Shortage(new ProductId(product.value()), product, 6, 5)));
        inTransaction(() -> inventory.reserve(List.of(new StockLine(product, 2), new StockLine(product, 3))));

        assertThat(level(product)).isEqualTo(new StockLevel(5, 5));
    }

    @Test
    void unknownProductIsShortWithNothingAvailable() {
        VariantId unknown = new VariantId(UUID.randomUUID());

        assertThatThrownBy(() -> inTransaction(() -> inventory.reserve(List.of(new StockLine(unknown, 1)))))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.shortages())
                        .containsExactly(new InsufficientStock.Shortage(new ProductId(unknown.value()), unknown, 1, 0)));
    }

    @Test
    void reservationRollsBackWithTheCallersTransaction() {
        VariantId product = new VariantId(data().product(100, 5).id());

        assertThatThrownBy(() -> inTransaction(() -> {
            inventory.reserve(List.of(new StockLine(product, 2)));
            throw new IllegalStateException("the order could not be saved");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(level(product)).isEqualTo(new StockLevel(5, 0));
    }

    @Test
    void stockMovementsNeedTheCallersTransaction() {
        VariantId product = new VariantId(data().product(100, 5).id());

        assertThatThrownBy(() -> inventory.reserve(List.of(new StockLine(product, 1))))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(level(product)).isEqualTo(new StockLevel(5, 0));
    }

    @Test
    void releaseGivesUnitsBackAndCommitSellsThem() {
        VariantId product = new VariantId(data().product(100, 10).id());
        inTransaction(() -> inventory.reserve(List.of(new StockLine(product, 6))));

        inTransaction(() -> inventory.release(List.of(new StockLine(product, 2))));
        assertThat(level(product)).isEqualTo(new StockLevel(10, 4));

        inTransaction(() -> inventory.commit(List.of(new StockLine(product, 3))));
        assertThat(level(product)).isEqualTo(new StockLevel(7, 1));
        assertThat(level(product).available()).isEqualTo(6);
    }

    @Test
    void releaseOrCommitOfMoreThanReservedChangesNothing() {
        VariantId product = new VariantId(data().product(100, 10).id());
        inTransaction(() -> inventory.reserve(List.of(new StockLine(product, 2))));

        assertThatThrownBy(() -> inTransaction(() -> inventory.release(List.of(new StockLine(product, 3)))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inTransaction(() -> inventory.commit(List.of(new StockLine(product, 3)))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(level(product)).isEqualTo(new StockLevel(10, 2));
    }

    @Test
    void adminCannotSetOnHandBelowReserved() {
        UUID id = data().product(100, 10).id();
        inTransaction(() -> inventory.reserve(List.of(new StockLine(new VariantId(id), 4))));

        assertThatThrownBy(() -> admin.setOnHand(new ProductId(id), 3)).isInstanceOf(StockBelowReserved.class);
        assertThat(admin.setOnHand(new ProductId(id), 4)).isEqualTo(new StockLevel(4, 4));
    }

    /** Request validation refuses it first; the rule still holds for every caller, and names the field. */
    @Test
    void adminRefusesANegativePriceNamingTheField() {
        assertThatThrownBy(() -> data().product(-1, 1)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("price.amount"));
    }

    @Test
    void catalogFindsCurrentPriceAndAvailabilityOfManyProductsAtOnce() {
        ProductView first = data().product(1250, 8);
        ProductView second = data().product(300, 0);
        admin.deactivateProduct(new ProductId(second.id()));
        inTransaction(() -> inventory.reserve(List.of(new StockLine(new VariantId(first.id()), 3))));
        VariantId unknown = new VariantId(UUID.randomUUID());

        Map<VariantId, ProductSnapshot> found = catalog.findAll(
                List.of(new VariantId(first.id()), new VariantId(second.id()), unknown));

        assertThat(found).containsOnlyKeys(new VariantId(first.id()), new VariantId(second.id()));
        assertThat(found.get(new VariantId(first.id()))).isEqualTo(new ProductSnapshot(new ProductId(first.id()),
                new VariantId(first.id()), first.sku(), first.slug(), first.name(), Map.of(), Money.of(1250, "EUR"),
                true, 5));
        assertThat(found.get(new VariantId(second.id())).active()).isFalse();
        assertThat(catalog.find(unknown)).isEmpty();
        assertThat(catalog.find(new VariantId(first.id()))).get().extracting(ProductSnapshot::available).isEqualTo(5);
    }
}
