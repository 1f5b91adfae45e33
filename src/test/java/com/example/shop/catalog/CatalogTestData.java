package com.example.shop.catalog;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.CategoryView;
import com.example.shop.catalog.internal.ProductCommand;
import com.example.shop.catalog.internal.ProductView;

/** Unique test data through the real administration service, so test classes never see each other's rows. */
public final class CatalogTestData {

    private final CatalogAdminService admin;

    public CatalogTestData(CatalogAdminService admin) {
        this.admin = admin;
    }

    /** A word of random letters: unique in the full-text index and usable as a slug part. */
    public static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    public CategoryView category(String slug, String parentSlug) {
        return admin.createCategory(slug, slug.toUpperCase(Locale.ROOT), parentSlug);
    }

    public ProductView product(String name, String description, long price, int stock, String... categorySlugs) {
        String slug = word() + "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return admin.createProduct(new ProductCommand("SKU-" + UUID.randomUUID(), slug, name, description, price, null,
                List.of(categorySlugs), "https://img.example/" + slug + ".jpg", true), stock);
    }

    public ProductView product(long price, int stock) {
        return product("Test product " + word(), "For tests", price, stock);
    }
}
