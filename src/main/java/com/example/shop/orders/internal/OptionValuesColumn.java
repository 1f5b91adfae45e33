package com.example.shop.orders.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** An order line's option values as a small JSON object ({@code {"Size": "M"}}), read and written whole. */
@Converter
class OptionValuesColumn implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> values) {
        return JsonMapper.shared().writeValueAsString(values == null ? Map.of() : values);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return new LinkedHashMap<>();
        }
        return JsonMapper.shared().readValue(column, new TypeReference<LinkedHashMap<String, String>>() { });
    }
}
