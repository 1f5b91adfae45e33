package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's rules without Spring or a database. */
class CatalogDomainTests {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    // --- stock ------------------------------------------------------------------------------------

    @Test
    void stockKeepsReservedBetweenZeroAndOnHand() {
        assertThat(new StockLevel(10, 3).available()).isEqualTo(7);
        assertThatThrownBy(() -> new StockLevel(2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StockLevel(2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StockLevel.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onHandCannotBeSetBelowReserved() {
        StockLevel level = new StockLevel(10, 4);
        assertThat(level.withOnHand(4)).isEqualTo(new StockLevel(4, 4));
        assertThatThrownBy(() -> level.withOnHand(3)).isInstanceOf(StockBelowReserved.class);
    }

    @Test
    void canReserveOnlyWhatIsAvailable() {
        StockLevel level = new StockLevel(10, 7);
        assertThat(level.canReserve(3)).isTrue();
        assertThat(level.canReserve(4)).isFalse();
        assertThat(level.canReserve(0)).isFalse();
    }

    @Test
    void reservationLinesAreMergedPerProductAndOrderedById() {
        VariantId a = new VariantId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        VariantId b = new VariantId(UUID.fromString("00000000-0000-0000-0000-000000000002"));

        SortedMap<UUID, Integer> merged = StockInventory.merged(
                List.of(new StockLine(b, 1), new StockLine(a, 2), new StockLine(b, 3)));

        assertThat(merged.keySet()).containsExactly(a.value(), b.value());
        assertThat(merged.values()).containsExactly(2, 4);
    }

    // --- products ---------------------------------------------------------------------------------

    static Product.Details details(String slug, long price) {
        return new Product.Details("SKU-1", slug, "  Wool socks ", "Warm", Money.of(price, "EUR"), Set.of(), null, true);
    }

    @Test
    void productsValidateTheirDetails() {
        Product product = Product.create(details("wool-socks", 999), NOW);
        assertThat(product.getName()).isEqualTo("Wool socks");
        assertThat(product.getPrice()).isEqualTo(Money.of(999, "EUR"));
        assertThat(product.isActive()).isTrue();

        for (String slug : List.of("Wool Socks", "wool--socks", "-socks")) {
            assertThatThrownBy(() -> Product.create(details(slug, 1), NOW)).isInstanceOfSatisfying(InvalidField.class,
                    e -> assertThat(e.field()).isEqualTo("slug"));
        }
        assertThatThrownBy(() -> Product.create(new Product.Details("SKU-1", "socks", "\u2003", "Warm", Money.of(1, "EUR"),
                Set.of(), null, true), NOW)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> Money.of(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPriceHasAnUpperBound() {
        assertThat(Product.create(details("wool-socks", Catalog.MAX_PRICE_AMOUNT), NOW).getPrice().amount())
                .isEqualTo(9_999_999_999L);
        assertThatThrownBy(() -> Product.create(details("wool-socks", Catalog.MAX_PRICE_AMOUNT + 1), NOW))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("price.amount"));
    }

    @Test
    void aRevisionOfAnOlderVersionIsRefused() {
        Product product = Product.create(details("wool-socks", 999), NOW);
        product.revise(details("wool-socks", 1099), 0, NOW.plusSeconds(1));
        assertThat(product.getPrice().amount()).isEqualTo(1099);
        assertThat(product.getUpdatedAt()).isEqualTo(NOW.plusSeconds(1));

        assertThatThrownBy(() -> product.revise(details("wool-socks", 1), 7, NOW))
                .isInstanceOf(StaleProduct.class);
        assertThat(product.getPrice().amount()).isEqualTo(1099);
    }

    @Test
    void deactivatingTwiceChangesNothing() {
        Product product = Product.create(details("wool-socks", 999), NOW);
        assertThat(product.deactivate(NOW.plusSeconds(5))).isTrue();
        assertThat(product.deactivate(NOW.plusSeconds(9))).isFalse();
        assertThat(product.isActive()).isFalse();
        assertThat(product.getUpdatedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    // --- categories -------------------------------------------------------------------------------

    @Test
    void categoriesNameTheFieldThatBreaksARule() {
        assertThatThrownBy(() -> Category.create("Not A Slug", "Name", null)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("slug"));
        assertThatThrownBy(() -> Category.create("socks", "\u2003", null)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void aCategoryCannotBecomeItsOwnAncestor() {
        Category clothing = Category.create("clothing", "Clothing", null);
        Category socks = Category.create("socks", "Socks", clothing);
        Category wool = Category.create("wool-socks", "Wool socks", socks);

        assertThatThrownBy(() -> clothing.moveUnder(wool)).isInstanceOf(CategoryCycle.class);
        assertThatThrownBy(() -> socks.moveUnder(socks)).isInstanceOf(CategoryCycle.class);
        wool.moveUnder(clothing);
        assertThat(wool.getParent()).isSameAs(clothing);
    }

    @Test
    void aParentCategoryIncludesAllItsDescendants() {
        UUID top = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID grandchild = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<CategoryView> all = List.of(new CategoryView(top, "top", "Top", null, null),
                new CategoryView(child, "child", "Child", top, "top"),
                new CategoryView(grandchild, "grandchild", "Grandchild", child, "child"),
                new CategoryView(other, "other", "Other", null, null));

        assertThat(CategoryDirectory.subtree(all, "top")).get().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(UUID.class))
                .containsExactlyInAnyOrder(top, child, grandchild);
        assertThat(CategoryDirectory.subtree(all, "child").orElseThrow()).containsExactlyInAnyOrder(child, grandchild);
        assertThat(CategoryDirectory.subtree(all, "missing")).isEmpty();
    }

    // --- listing queries --------------------------------------------------------------------------

    @Test
    void searchTextBecomesRequiredPrefixTermsWithoutOperators() {
        SearchTerms terms = SearchTerms.parse("  Wool +SOCKS* -(\"red\") ");
        assertThat(terms.booleanQuery()).isEqualTo("+wool* +socks* +red*");
        // too short for the index, or stop words: left out
        assertThat(SearchTerms.parse("the socks of a TV").booleanQuery()).isEqualTo("+socks*");
        // nothing indexable: a name prefix instead
        SearchTerms shortOnly = SearchTerms.parse("TV");
        assertThat(shortOnly.usesFullText()).isFalse();
        assertThat(shortOnly.likePattern()).isEqualTo("tv%");
        assertThat(SearchTerms.parse("   ").isEmpty()).isTrue();
        assertThat(SearchTerms.parse("%_%").isEmpty()).isTrue();
    }

    @Test
    void listingQueriesEnforceTheirRules() {
        ListingQuery defaults = ListingQuery.of(null, " ", null, null, null, null, null);
        assertThat(defaults.page()).isZero();
        assertThat(defaults.size()).isEqualTo(20);
        assertThat(defaults.category()).isNull();
        assertThat(defaults.sortField()).isEqualTo(ListingQuery.SortField.NAME);

        assertThat(ListingQuery.of("socks", null, null, null, 0, 500, null).size()).isEqualTo(100);
        assertThat(ListingQuery.of("socks", null, null, null, 0, 5, null).sortField())
                .isEqualTo(ListingQuery.SortField.RELEVANCE);
        ListingQuery byPrice = ListingQuery.of(null, null, 10L, 10L, 1, 5, "price,DESC");
        assertThat(byPrice.sortField()).isEqualTo(ListingQuery.SortField.PRICE);
        assertThat(byPrice.descending()).isTrue();
        assertThat(byPrice).isEqualTo(ListingQuery.of(null, null, 10L, 10L, 1, 5, "price,desc"));

        for (String sort : List.of("sku", "price,up", "name,asc,again", "relevance", "p.name; DROP TABLE x")) {
            assertThatThrownBy(() -> ListingQuery.of(null, null, null, null, 0, 20, sort))
                    .as(sort).isInstanceOfSatisfying(InvalidListingParameter.class,
                            e -> assertThat(e.field()).isEqualTo("sort"));
        }
        assertThatThrownBy(() -> ListingQuery.of(null, null, null, null, -1, 20, null)).isInstanceOf(InvalidListingParameter.class);
        assertThatThrownBy(() -> ListingQuery.of(null, null, null, null, 0, 0, null)).isInstanceOf(InvalidListingParameter.class);
        assertThatThrownBy(() -> ListingQuery.of(null, null, 5L, 4L, 0, 20, null)).isInstanceOf(InvalidListingParameter.class);
    }
}
