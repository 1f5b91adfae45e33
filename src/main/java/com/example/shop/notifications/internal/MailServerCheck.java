package com.example.shop.notifications.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Says once, at start, that order mails are off when no mail server is configured. */
@Component
class MailServerCheck {

    private static final Logger log = LoggerFactory.getLogger(MailServerCheck.class);

    MailServerCheck(Environment environment) {
        if (!StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
            log.warn("No mail server configured (spring.mail.host): order mails are not sent");
        }
    }
}
