package com.example.shop.shared.config;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnSharedServiceCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSharedService.class.getName());
        SharedServices service = (SharedServices) attributes.get("value");
        boolean present = (Boolean) attributes.get("present");
        boolean configured = service.configured(context.getEnvironment());
        String message = service + (configured ? " is configured (" : " is not configured (")
                + String.join(", ", service.connectionSettings()) + ")";
        return configured == present ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }
}
