package com.example.shop.shared.config;

import java.util.List;

/** Start-up refused: settings that production needs are not set. */
public class MissingSettingsException extends IllegalStateException {

    private final List<String> variables;

    public MissingSettingsException(List<String> variables) {
        super("Missing required settings: " + String.join(", ", variables));
        this.variables = List.copyOf(variables);
    }

    public List<String> variables() {
        return variables;
    }
}
