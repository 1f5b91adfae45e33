package com.example.shop.notifications.internal;

import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order mails' sender and voice. The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from     the sender address ({@code SHOP_MAIL_FROM})
 * @param shopName the shop's name: the sender's display name, in subjects and greetings ({@code SHOP_NAME})
 * @param locale   how amounts and dates are written, as an IETF language tag ({@code en-GB}: {@code €12.50})
 */
@ConfigurationProperties("shop.mail")
record MailProperties(
        @DefaultValue("no-reply@shop.example") String from,
        @DefaultValue("Shop") String shopName,
        @DefaultValue("en-GB") Locale locale) {
}
