package com.example.shop.shared.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every JSON request body is held to while it is read, in every module: a key given twice is refused (the
 * parser would otherwise keep the last one silently), and every string keeps the {@link TextRule}. Both fail
 * the read, so the request is answered 400 before any module sees it and nothing is stored.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputRules {

    @Bean
    JsonMapperBuilderCustomizer jsonInputRulesCustomizer() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("shop-text-rule").addDeserializer(String.class, new CheckedString(false)));
    }

    /** A string broke the {@link TextRule}; the path of the failure names the field. */
    static final class TextRuleBroken extends InvalidFormatException {

        private final boolean multiLine;

        TextRuleBroken(JsonParser parser, boolean multiLine) {
            super(parser, multiLine ? TextRule.MESSAGE_MULTI_LINE : TextRule.MESSAGE, null, String.class);
            this.multiLine = multiLine;
        }

        String rule() {
            return multiLine ? TextRule.MESSAGE_MULTI_LINE : TextRule.MESSAGE;
        }
    }

    /** Jackson's own string reading, then the rule; a field marked {@link MultiLineText} may hold line breaks. */
    private static final class CheckedString extends ValueDeserializer<String> {

        private final boolean multiLine;

        CheckedString(boolean multiLine) {
            this.multiLine = multiLine;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
            boolean allowed = property != null && property.getAnnotation(MultiLineText.class) != null;
            return allowed == multiLine ? this : new CheckedString(allowed);
        }

        @Override
        public @Nullable String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && !TextRule.allows(value, multiLine)) {
                throw new TextRuleBroken(parser, multiLine);
            }
            return value;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }
    }
}
