package com.example.shop.notifications.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail's plain-text and HTML bodies from {@code classpath:mail/<name>.txt} and {@code .html} with
 * Thymeleaf's engine (text mode and HTML mode: the HTML escapes what it shows, the text does not).
 */
@Component
class MailTemplates {

    private final TemplateEngine engine = new TemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** The two bodies of template {@code name}. */
    Bodies render(String name, Map<String, Object> model, Locale locale) {
        Context context = new Context(locale, model);
        return new Bodies(engine.process(name + ".txt", context).strip() + "\n", engine.process(name + ".html", context));
    }

    record Bodies(String text, String html) {
    }
}
