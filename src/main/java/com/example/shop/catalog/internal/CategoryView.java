package com.example.shop.catalog.internal;

import java.util.UUID;

public record CategoryView(UUID id, String slug, String name, UUID parentId, String parentSlug) {
}
