package com.example.shop.shared.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link MissingSettingsException} into Boot's short start-up report instead of a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(
                "Shop API cannot start: missing required settings " + String.join(", ", cause.variables()) + ".",
                "Set these environment variables (see the configuration reference in docs/operations.md) and start "
                        + "again.",
                cause);
    }
}
