package com.example.shop.notifications;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.orders.OrderFixtures;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.TcpProxy;
import com.example.shop.testsupport.TestMailServer;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The order mails end to end: real orders over HTTP on the real database, the event publication registry, and a
 * real SMTP server in the JVM (GreenMail) behind a TCP proxy that can be cut to play a mail server outage.
 */
@IntegrationTest
@TestPropertySource(properties = { "shop.mail.shop-name=Teapot Corner", "shop.mail.from=orders@teapots.example" })
class OrderMailTests {

    static final String LISTENERS = "com.example.shop.notifications.%";

    static final TestMailServer smtp = TestMailServer.start();
    static final TcpProxy smtpLink = TcpProxy.to("127.0.0.1", smtp.port());

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtpLink::port);
    }

    @AfterAll
    static void stop() {
        smtpLink.close();
        smtp.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    OrderFixtures orders;

    @Autowired
    IncompleteEventPublications publications;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyOrderEventSendsExactlyOneMail() throws Exception {
        String email = "mails-" + UUID.randomUUID() + "@example.com";
        String token = register(email);
        String admin = Tokens.admin();

        OrderFixtures.Placed order = orders.placeOrder(token, 1250, 5, 2);
        awaitMails(email, 1);
        orders.pay(order);
        awaitMails(email, 2);
        orders.ship(admin, order.orderId(), "DHL", "JD014600006").andExpect(status().isOk());
        awaitMails(email, 3);
        orders.refund(admin, order.orderId(), UUID.randomUUID().toString(), "{\"amount\": 500}")
                .andExpect(status().isAccepted());
        awaitMails(email, 4);
        OrderFixtures.Placed cancelled = orders.placeOrder(token, 990, 5, 1);
        awaitMails(email, 5);
        mvc.perform(post("/api/orders/{id}/cancel", cancelled.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());
        awaitMails(email, 6);
        awaitAllDelivered();

        List<TestMailServer.Mail> mails = smtp.mailsTo(email);
        String ref = order.orderId().substring(0, 8).toUpperCase();
        String cancelledRef = cancelled.orderId().substring(0, 8).toUpperCase();
        assertThat(mails).extracting(TestMailServer.Mail::subject).containsExactlyInAnyOrder(
                "Teapot Corner: order " + ref + " received",
                "Teapot Corner: payment received for order " + ref,
                "Teapot Corner: order " + ref + " is on its way",
                "Teapot Corner: €5.00 refunded on order " + ref,
                "Teapot Corner: order " + cancelledRef + " received",
                "Teapot Corner: order " + cancelledRef + " cancelled");
        assertThat(mails).allSatisfy(mail -> {
            assertThat(mail.from()).isEqualTo("Teapot Corner <orders@teapots.example>");
            assertThat(mail.text()).isNotBlank();
            assertThat(mail.html()).contains("<html");
            assertThat(mail.eventId()).isNotNull();
        });
        assertThat(mail(mails, "received", ref).text()).contains("2 x Item", "at €12.50: €25.00", "Total: €25.00");
        assertThat(mail(mails, "payment received", ref).text()).contains("payment of €25.00", "Total: €25.00");
        assertThat(mail(mails, "on its way", ref).text()).contains("Carrier: DHL", "Tracking number: JD014600006");
        assertThat(mail(mails, "refunded", ref).text()).contains("Refunded so far: €5.00 of €25.00.");
        assertThat(mail(mails, "cancelled", cancelledRef).text()).contains("cancelled by the customer");
        assertThat(jdbc.queryForObject("select count(*) from notifications_sent_mail where recipient = ?",
                Integer.class, email)).isEqualTo(6);
    }

    @Test
    void aRedeliveredEventSendsNoSecondMail() throws Exception {
        String email = "again-" + UUID.randomUUID() + "@example.com";
        OrderFixtures.Placed order = orders.placeOrder(register(email), 1800, 5, 1);
        awaitMails(email, 1);
        awaitAllDelivered();
        String eventId = smtp.mailsTo(email).get(0).eventId();

        // the registry delivers the very same publication again (same serialized event, same event id)
        UUID publication = redeliver(order.orderId());
        await().atMost(Duration.ofSeconds(15)).until(() -> completed(publication));

        assertThat(smtp.mailsTo(email)).singleElement()
                .satisfies(mail -> assertThat(mail.eventId()).isEqualTo(eventId));
    }

    @Test
    void aMailServerThatIsDownDelaysTheMailAndNeverTheOrder() throws Exception {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        String token = register(email);
        double failuresBefore = failures();
        smtpLink.cut();
        final OrderFixtures.Placed order;
        try {
            // the order is placed and paid as if nothing happened; each mail's delivery fails
            order = orders.placeOrder(token, 2100, 5, 1);
            orders.pay(order);
            await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(listenerStatus(order.orderId(),
                    "OrderPlaced")) && "FAILED".equals(listenerStatus(order.orderId(), "OrderPaid")));
            assertThat(failures()).isGreaterThanOrEqualTo(failuresBefore + 2);
            assertThat(smtp.mailsTo(email)).isEmpty();
        } finally {
            smtpLink.restore();
        }
        // the registry delivers the failed publications again (the scheduler does it with its backoff; here by hand)
        publications.resubmitIncompletePublications(p -> p.getEvent().toString().contains(order.orderId()));
        awaitMails(email, 2);
        awaitAllDelivered();
        publications.resubmitIncompletePublications(p -> p.getEvent().toString().contains(order.orderId()));
        awaitAllDelivered();

        assertThat(smtp.mailsTo(email)).extracting(TestMailServer.Mail::subject)
                .containsExactlyInAnyOrder("Teapot Corner: order " + order.orderId().substring(0, 8).toUpperCase()
                        + " received", "Teapot Corner: payment received for order "
                                + order.orderId().substring(0, 8).toUpperCase());
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A registered customer's access token: the order takes the account's e-mail address. */
    String register(String email) throws Exception {
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}"))
                .andExpect(status().isCreated());
        return "Bearer " + JsonPath.read(mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.accessToken");
    }

    void awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.mailsTo(email).size() >= count);
        assertThat(smtp.mailsTo(email)).hasSize(count);
    }

    static TestMailServer.Mail mail(List<TestMailServer.Mail> mails, String subjectPart, String ref) {
        return mails.stream().filter(m -> m.subject().contains(subjectPart) && m.subject().contains(ref)).findFirst()
                .orElseThrow();
    }

    /** Until no publication for the notifications listener is open. */
    void awaitAllDelivered() {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from event_publication where listener_id like ? and completion_date is null",
                Integer.class, LISTENERS) == 0);
    }

    /**
     * Moves the completed publication of the order's OrderPlaced for the notifications listener back into the
     * registry as failed, as an operator replays one, and has the registry deliver it again.
     */
    UUID redeliver(String orderId) {
        String id = jdbc.queryForObject("""
                select lower(hex(id)) from event_publication_archive
                where listener_id like ? and event_type = 'com.example.shop.orders.OrderPlaced'
                  and serialized_event like ?""", String.class, LISTENERS, "%" + orderId + "%");
        committed.update("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                                               completion_attempts)
                select id, listener_id, event_type, serialized_event, publication_date, 'FAILED', 1
                  from event_publication_archive where id = unhex(?)""", id);
        committed.update("delete from event_publication_archive where id = unhex(?)", id);
        UUID publication = UUID.fromString(id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        publications.resubmitIncompletePublications(p -> p.getIdentifier().equals(publication));
        return publication;
    }

    boolean completed(UUID publication) {
        String hex = publication.toString().replace("-", "");
        return jdbc.queryForObject("select count(*) from event_publication_archive where id = unhex(?)", Integer.class,
                hex) == 1;
    }

    String listenerStatus(String orderId, String event) {
        return jdbc.query("""
                select status from event_publication where listener_id like ? and serialized_event like ?
                  and event_type = ?""",
                rs -> rs.next() ? rs.getString(1) : null, LISTENERS, "%" + orderId + "%",
                "com.example.shop.orders." + event);
    }

    double failures() {
        return meters.find("shop.mail.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
