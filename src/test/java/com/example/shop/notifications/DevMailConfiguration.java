package com.example.shop.notifications;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.web.Problems;
import com.example.shop.testsupport.TestMailServer;

/**
 * The dev run's captured mail: {@code GET /dev/mail?to={email}} answers {@code [{to, subject, text, sentAt}]}, oldest
 * first, for every mail the application sent to that address (order mails, password-reset links). The mail went
 * through SMTP to the JVM's own server ({@link TestMailServer}, started by {@code LocalEnvironment} when no
 * {@code SPRING_MAIL_HOST} is set). Test scope only (imported by {@code DevConfiguration}); {@code /dev/**} is
 * permitted by the dev run's own security chain.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevMailConfiguration {

    @RestController
    static class DevMail {

        record CapturedMail(String to, String subject, String text, Instant sentAt) {
        }

        @GetMapping("/dev/mail")
        ResponseEntity<?> mail(@RequestParam String to) {
            TestMailServer server = TestMailServer.sharedOrNull();
            if (server == null) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(
                        new ErrorType("no-captured-mail", "Mail is not captured", 409),
                        "This run sends mail to the server SPRING_MAIL_HOST names: look there."));
            }
            List<CapturedMail> mails = server.mailsTo(to).stream()
                    .map(mail -> new CapturedMail(mail.to(), mail.subject(), mail.text(), mail.sentAt())).toList();
            return ResponseEntity.ok(mails);
        }
    }
}
