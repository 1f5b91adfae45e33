package com.example.shop.notifications.internal;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

import com.example.shop.orders.OrderEvent;

/**
 * Sends the mail of an order event, once. Delivery of events is at least once, so a redelivered event must find
 * its mail recorded and send nothing: the mail is recorded under (event id, kind) in {@code notifications_sent_mail}
 * right after the SMTP server took it, and looked for before composing. The registry never runs two deliveries of
 * one publication at once, so the look-up and the record do not race. The one way to a second mail is an instance
 * that dies (or loses its database) between the SMTP server's acceptance and the record; SMTP has no transaction to
 * join, and a second mail is then better than none.
 * <p>
 * A mail server that is down or refuses makes {@link #send} throw: the listener fails, the registry marks the
 * publication failed and delivers it again with its backoff ({@code shop.events.*}), and
 * {@code shop.mail.failures} counts each failed attempt. The order, committed long before, never notices.
 */
@Service
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class OrderMailService {

    static final String EVENT_ID_HEADER = "X-Shop-Event-Id";

    private static final Logger log = LoggerFactory.getLogger(OrderMailService.class);

    private final JavaMailSender mailSender;
    private final OrderMailComposer composer;
    private final SentMails sentMails;
    private final MailProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    OrderMailService(JavaMailSender mailSender, OrderMailComposer composer, SentMails sentMails,
            MailProperties properties, MeterRegistry meters) {
        this.mailSender = mailSender;
        this.composer = composer;
        this.sentMails = sentMails;
        this.properties = properties;
        this.meters = meters;
    }

    void send(OrderEvent event) {
        MailKind kind = MailKind.of(event);
        String recipient = event.email();
        if (recipient == null) {
            log.warn("No {} mail for order {}: the order has no e-mail address", kind, event.orderId());
            return;
        }
        if (sentMails.wasSent(event.eventId(), kind)) {
            log.debug("The {} mail of event {} was sent already", kind, event.eventId());
            return;
        }
        OrderMailComposer.Composed mail = composer.compose(event);
        Instant now = clock.instant();
        try {
            mailSender.send(message(event, recipient, mail, now));
        } catch (MailException e) {
            counter("shop.mail.failures", "Order mails the mail server did not take (each is tried again)", kind)
                    .increment();
            log.warn("The {} mail for order {} was not sent, it will be tried again: {}", kind, event.orderId(),
                    e.getMessage());
            throw e;
        }
        if (!sentMails.record(event.eventId(), kind, event.orderId().value(), recipient, mail.subject(), now)) {
            log.warn("The {} mail of event {} for order {} went out twice", kind, event.eventId(), event.orderId());
        }
        counter("shop.mail.sent", "Order mails the mail server took", kind).increment();
    }

    private MimeMessage message(OrderEvent event, String recipient, OrderMailComposer.Composed mail, Instant now) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from(), properties.shopName());
            helper.setTo(recipient);
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            helper.setSentDate(Date.from(now));
            message.setHeader(EVENT_ID_HEADER, event.eventId().toString());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Cannot write the " + mail.kind() + " mail", e);
        }
        return message;
    }

    private Counter counter(String name, String description, MailKind kind) {
        return Counter.builder(name).description(description).tag("kind", kind.name().toLowerCase())
                .register(meters);
    }
}
