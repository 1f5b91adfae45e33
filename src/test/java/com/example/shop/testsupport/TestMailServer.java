package com.example.shop.testsupport;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server inside the JVM (GreenMail), for the tests and the dev run's captured mail: the application
 * talks SMTP to it exactly as it would to a production server. Test scope only.
 */
public final class TestMailServer implements AutoCloseable {

    private static TestMailServer shared;

    private final GreenMail greenMail;

    private TestMailServer(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        this.greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        greenMail.start();
    }

    /** A server of its own on a free port of 127.0.0.1. */
    public static TestMailServer start() {
        return new TestMailServer(0);
    }

    /** The JVM's one server (the dev run's), started on first use on {@code port} (0: a free one). */
    public static synchronized TestMailServer shared(int port) {
        if (shared == null) {
            shared = new TestMailServer(port);
        }
        return shared;
    }

    /** The JVM's server if it was started, else null. */
    public static synchronized TestMailServer sharedOrNull() {
        return shared;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** A mail as received: the plain-text and HTML alternatives, and the event id header if it had one. */
    public record Mail(String to, String from, String subject, String text, String html, Instant sentAt,
            String eventId) {
    }

    /** The mails received for {@code address} (any case), oldest first. */
    public List<Mail> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipients(message).contains(address.toLowerCase(Locale.ROOT)))
                .map(message -> read(message, address))
                .sorted(Comparator.comparing(Mail::sentAt))
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of()
                    : Arrays.stream(to).map(a -> a.toString().toLowerCase(Locale.ROOT)).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mail read(MimeMessage message, String to) {
        try {
            String[] eventId = message.getHeader("X-Shop-Event-Id");
            return new Mail(to, message.getFrom()[0].toString(), message.getSubject(), part(message, "text/plain"),
                    part(message, "text/html"), message.getSentDate().toInstant(),
                    eventId == null ? null : eventId[0]);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part of {@code type} anywhere in the message, or null. */
    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
