package fr.numi.intake.delivery.messaging;

import static fr.numi.intake.support.TopicReader.header;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.SealedRecords;
import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.RetryDueDeliveries;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.delivery.domain.Via;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.FakeProviders;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.support.TopicWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to a delivery when an instance stops mid-send, and when several instances share one database: the
 * attempts are recorded in MongoDB before any provider call, and claimed with a lease (ADR 8).
 */
@IntakeIntegrationTest
class DeliveryRecoveryIT {

    static final String STATUS_TOPIC = "intake.delivery-status.v1";
    static final String TICKET_TOPIC = "ticket.notification-requested.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    DeliveryLog deliveries;

    @Autowired
    DeliverNotification deliver;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    Clock clock;

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldSendAgainOnceAndFlagAPossibleDuplicateWhenTheOwnerDiedMidSend() {
        // given: an attempt left SENDING by an instance that stopped before recording the provider's answer
        String phone = DeliveryIT.phone();
        Notification n = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:dead", phone);
        Instant past = Instant.now().minus(Duration.ofMinutes(5));
        assertThat(deliveries.claim(n, true, true, "dead-instance", past, past.plus(Duration.ofMinutes(2))).block(Duration.ofSeconds(5))
                .taken()).isNotNull();

        // when: its lease has run out, and the instances look for due work

        // then: one instance sends it again, once, and flags it
        assertThat(SealedRecords.open(status(n.notificationId(), "SENT"), customerKeys).get("via").asString()).isEqualTo("SMS");
        assertThat(FakeProviders.requestsFor(phone)).hasSize(1);
        Document delivery = delivery(n.notificationId());
        assertThat(delivery.getBoolean("possibleDuplicate")).isTrue();
        assertThat(delivery.getInteger("attempts")).isEqualTo(2);
        assertThat(delivery).doesNotContainKeys("state", "owner", "request");
    }

    @Test
    void shouldNotSendWhileTheOwnersLeaseRunsEvenIfTheRecordComesAgain() {
        // given: an attempt in the hands of a live instance (lease for a minute more)
        String phone = DeliveryIT.phone();
        Notification n = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:live", phone);
        deliveries.claim(n, true, true, "live-instance", Instant.now(), Instant.now().plus(Duration.ofMinutes(1))).block(Duration.ofSeconds(5));

        // when: the record is read again (a rebalance), then a later notification for the same person
        publish(n);
        Notification marker = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:marker", phone);
        publish(marker);

        // then: only the later one was sent
        status(marker.notificationId(), "SENT");
        assertThat(FakeProviders.requestsFor(phone)).hasSize(1);
        assertThat(delivery(n.notificationId()).getString("owner")).isEqualTo("live-instance");
    }

    @Test
    void shouldPublishARecordedOutcomeLeftUnpublishedAndNeverSendItAgain() {
        // given: SENT recorded by an instance that stopped before its event was acknowledged
        String phone = DeliveryIT.phone();
        Notification n = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:recorded", phone);
        Instant past = Instant.now().minus(Duration.ofMinutes(5));
        deliveries.claim(n, true, true, "dead-instance", past, Instant.now().plus(Duration.ofMinutes(2))).block(Duration.ofSeconds(5));
        deliveries.settle(n.notificationId(), new DeliveryStatus(n.notificationId(), n.ticketId(), n.customerId(), "PHONE", n.kind(),
                Outcome.SENT, Via.SMS, "SMrecorded", null, past), null, false, past.plus(Duration.ofMinutes(2))).block(Duration.ofSeconds(5));

        // when: the instances look for due work, and the record comes again

        // then: the outcome is published, with the provider's id recorded; nothing is sent
        assertThat(SealedRecords.open(status(n.notificationId(), "SENT"), customerKeys).get("providerMessageId").asString()).isEqualTo("SMrecorded");
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(delivery(n.notificationId()).getBoolean("published")));
        publish(n);
        Notification marker = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:after", phone);
        publish(marker);
        status(marker.notificationId(), "SENT");
        assertThat(FakeProviders.requestsFor(phone)).hasSize(1);
        assertThat(TopicReader.drain(brokers, STATUS_TOPIC, withId(n.notificationId() + ":SENT"))).hasSize(1);
    }

    @Test
    void shouldSendEachDueMessageOnceWhenSeveralInstancesShareTheDatabase() throws Exception {
        // given: 24 messages due again (each a different person), and two more deliverers on the same database beside
        // this application's own scheduler
        List<Notification> due = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 24; i++) {
            Notification n = notification(DeliveryIT.ticketId() + ":notify:AGENT_REPLY:due" + i, DeliveryIT.phone());
            deliveries.claim(n, true, true, "first-instance", now, now.plus(Duration.ofMinutes(1))).block(Duration.ofSeconds(5));
            assertThat(deliveries.retryLater(n.notificationId(), "first-instance", 1, now.plusMillis(500), now.plus(Duration.ofMinutes(1)),
                    "twilio-api answered 503 code=20500").block(Duration.ofSeconds(5))).isTrue();
            due.add(n);
        }
        RetryDueDeliveries a = new RetryDueDeliveries(deliver, deliveries, properties, clock, "instance-a");
        RetryDueDeliveries b = new RetryDueDeliveries(deliver, deliveries, properties, clock, "instance-b");

        // when: all of them claim at once, again and again
        await().until(() -> Instant.now().isAfter(now.plusMillis(500)));
        CompletableFuture<Integer> byA = CompletableFuture.supplyAsync(() -> drain(a));
        CompletableFuture<Integer> byB = CompletableFuture.supplyAsync(() -> drain(b));
        CompletableFuture.allOf(byA, byB).get();

        // then: each person got exactly one SMS and each message one SENT
        for (Notification n : due) {
            status(n.notificationId(), "SENT");
            assertThat(FakeProviders.requestsFor(n.recipient().contactValue())).as(n.notificationId()).hasSize(1);
        }
        assertThat(TopicReader.drain(brokers, STATUS_TOPIC, r -> String.valueOf(header(r, "ce_id")).contains(":notify:AGENT_REPLY:due")
                        && due.stream().anyMatch(n -> header(r, "ce_id").startsWith(n.notificationId() + ":"))))
                .hasSize(due.size());
    }

    /** Runs until nothing is due for a second. */
    private static int drain(RetryDueDeliveries instance) {
        int total = 0;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(1).toNanos()) {
            int done = instance.runDue();
            total += done;
            if (done > 0) {
                quietSince = System.nanoTime();
            }
        }
        return total;
    }

    /** A proven phone caller, and a message to them by SMS (the route ticket-service names). */
    private Notification notification(String notificationId, String phone) {
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.PHONE, phone));
        mongo.save(new Document("_id", customerId).append("kind", "PHONE").append("value", phone).append("channel", "PHONE")
                .append("lastInboundAt", new Date()).append("proven", true), "contacts").block(Duration.ofSeconds(5));
        String ticketId = notificationId.substring(0, 14);
        return new Notification(notificationId, ticketId, customerId, "PHONE", "AGENT_REPLY", "Redémarrez la box.", Instant.now(),
                new Notification.Recipient(Route.SMS, "PHONE", phone), null);
    }

    private void publish(Notification n) {
        byte[] body = json.writeValueAsBytes(Map.of("notificationId", n.notificationId(), "ticketId", n.ticketId(), "customerId",
                n.customerId(), "channel", n.channel(), "kind", n.kind(), "text", n.text(), "requestedAt", n.requestedAt().toString(),
                "recipient", Map.of("route", "SMS", "contact", Map.of("kind", "PHONE", "value", n.recipient().contactValue()))));
        TopicWriter.send(brokers, TICKET_TOPIC, n.ticketId(), n.notificationId(), "/numi/ticket-service",
                "fr.numi.ticket.notification-requested.v1", body);
    }

    private org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> status(String notificationId, String outcome) {
        var records = TopicReader.readAll(brokers, STATUS_TOPIC, withId(notificationId + ":" + outcome));
        return records.get(records.size() - 1);
    }

    private Document delivery(String notificationId) {
        return mongo.findById(notificationId, Document.class, "deliveries").block(Duration.ofSeconds(5));
    }
}
