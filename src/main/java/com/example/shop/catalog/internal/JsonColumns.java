package com.example.shop.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two small JSON columns of the catalog: a product's options and a variant's option values. They are
 * only ever read and written whole with their row, never queried inside, so a text column is enough.
 */
final class JsonColumns {

    private JsonColumns() {
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    /** {@code {"Size": "M", "Colour": "Red"}}, keys in the product's option order. */
    @Converter
    static class OptionValues implements AttributeConverter<Map<String, String>, String> {

        @Override
        public String convertToDatabaseColumn(Map<String, String> values) {
            return JSON.writeValueAsString(values == null ? Map.of() : values);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String column) {
            if (column == null || column.isBlank()) {
                return new LinkedHashMap<>();
            }
            return JSON.readValue(column, new TypeReference<LinkedHashMap<String, String>>() { });
        }
    }

    /** {@code [{"name": "Size", "values": ["S", "M"]}]}; null for a product without options. */
    @Converter
    static class Options implements AttributeConverter<List<ProductOption>, String> {

        @Override
        public String convertToDatabaseColumn(List<ProductOption> options) {
            return options == null || options.isEmpty() ? null : JSON.writeValueAsString(options);
        }

        @Override
        public List<ProductOption> convertToEntityAttribute(String column) {
            if (column == null || column.isBlank()) {
                return List.of();
            }
            return List.copyOf(JSON.readValue(column, new TypeReference<List<ProductOption>>() { }));
        }
    }
}
