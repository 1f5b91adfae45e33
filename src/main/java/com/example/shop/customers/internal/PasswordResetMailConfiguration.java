package com.example.shop.customers.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses how reset links travel: by mail through Spring's {@link JavaMailSender} when a mail server is
 * configured ({@code spring.mail.host}), otherwise into the log (development; only with
 * {@code shop.security.password.log-reset-links=true}, so a production log never holds a usable link).
 */
@Configuration(proxyBeanMethods = false)
class PasswordResetMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMail.class);

    @Bean
    PasswordResetMail passwordResetMail(ObjectProvider<JavaMailSender> mailSender, PasswordProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender != null) {
            return (email, name, link) -> {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.resetMailFrom());
                message.setTo(email);
                message.setSubject("Reset your password");
                message.setText("Hello " + name + ",\n\nsomeone asked to reset the password of your account. "
                        + "If it was you, open this link within " + properties.resetTokenTtl().toMinutes()
                        + " minutes:\n\n" + link + "\n\nIf it was not you, ignore this mail.\n");
                sender.send(message);
            };
        }
        if (properties.logResetLinks()) {
            log.warn("No mail server configured (spring.mail.host): password-reset links are written to the log");
            return (email, name, link) -> log.info("Password-reset link for {}: {}", email, link);
        }
        log.warn("No mail server configured (spring.mail.host): password-reset mails cannot be delivered");
        return (email, name, link) -> log.warn("Password-reset mail for {} not delivered: no mail server configured",
                Emails.masked(email));
    }
}
