package fr.numi.intake.retention;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.retention.RetentionJob;
import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.intake.attachment.application.AttachmentStore;
import fr.numi.intake.attachment.domain.AttachmentJob;
import fr.numi.intake.cti.application.CtiCallLog;
import fr.numi.intake.cti.domain.CtiEvent;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.OutboundStatusLog;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Via;
import fr.numi.intake.delivery.domain.WhatsAppStatus;
import fr.numi.intake.phone.application.CallLog;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.InboundLedger;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.tracking.application.Verifications;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;

/**
 * intake-service's retention (docs/privacy.md "Retention"), every kind kept one hour: when the service's retention job
 * runs, what each store wrote two hours ago is purged and what it wrote just now is kept. Written through the stores
 * themselves, so the fields the purges look at are the ones the stores write.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = {
    // Its own database: the job purges with a retention of seconds or hours, and the Mongo-wire server is shared by
    // every test context of the JVM.
    "spring.mongodb.database=retention-it",
    // The job runs when the test says (runOnce), not on its own before the old data are all written.
    "numi.retention.purge-every=1h",
    "numi.retention.first-purge-after=1h",
    "numi.retention.contacts=1h",
    "numi.retention.requests=1h",
    "numi.retention.inbound=1h",
    "numi.retention.calls=1h",
    "numi.retention.attachments=1h",
    "numi.retention.deliveries=1h",
    "numi.retention.verifications=1h",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class IntakeRetentionIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired ReactiveMongoTemplate mongo;
    @Autowired ContactDirectory contacts;
    @Autowired PublishedTickets tickets;
    @Autowired InboundLedger inbound;
    @Autowired CallLog calls;
    @Autowired CtiCallLog ctiCalls;
    @Autowired AttachmentStore attachments;
    @Autowired DeliveryLog deliveries;
    @Autowired OutboundStatusLog whatsAppStatuses;
    @Autowired Verifications verifications;
    @Autowired RetentionJob job;

    /** One person's data of every kind, as intake's stores write it at {@code at}; returns its ids, by collection. */
    Map<String, String> written(Instant at) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "cus_" + id;
        String ticketId = "NUMI-" + id;
        String attachmentId = "att-" + id;
        String trackingHash = "hash-" + id;
        contacts.remember(customerId, new Contact(Contact.Kind.PHONE, "+3361" + id.hashCode()), Channel.WHATSAPP, true, at).block(WAIT);
        tickets.reserve(ticketId, "req-" + id, at).block(WAIT);
        tickets.remember(new PublishedTickets.Ticket(ticketId, trackingHash, customerId, "WEB", "req-" + id,
                new Contact(Contact.Kind.EMAIL, id + "@example.org"), false)).block(WAIT);
        inbound.claim("wa:" + id, "fingerprint", at).block(WAIT);
        calls.merge("CA" + id, Map.of("from", "+33612345678", "startedAt", at)).block(WAIT);
        ctiCalls.apply("asterisk", new CtiEvent("newCall", "+33612345678", "3000", "in", "cti-" + id, List.of(), null, null, null), at)
                .block(WAIT);
        attachments.register(List.of(new AttachmentJob(attachmentId, "req-" + id, ticketId, customerId, "WEB", "https://example.org/a",
                "image", "image/png", "photo.png", AttachmentJob.Status.PENDING, 0, at, null, null, null))).block(WAIT);
        attachments.keep(attachmentId, "image/png", "a photo".getBytes(StandardCharsets.UTF_8)).block(WAIT);
        deliveries.claim(new Notification("ntf-" + id, ticketId, customerId, "WEB", "AGENT_REPLY", "Bonjour", at), true, true, "retention",
                at, at).block(WAIT);
        deliveries.settle("ntf-" + id, new DeliveryStatus("ntf-" + id, ticketId, customerId, "WEB", "AGENT_REPLY", Outcome.SENT, Via.EMAIL,
                "<mail-" + id + ">", null, at), null, false, at).block(WAIT);
        whatsAppStatuses.record(new WhatsAppStatus("wamid." + id, "delivered", at, null)).block(WAIT);
        verifications.recordSent(ticketId, "EMAIL:" + id + "@example.org", "code-hash", at).block(WAIT);
        return Map.ofEntries(Map.entry("contacts", customerId), Map.entry("tickets", ticketId), Map.entry("tracking_tokens", trackingHash),
                Map.entry("inbound", "wa:" + id), Map.entry("calls", "CA" + id), Map.entry("attachments", attachmentId),
                Map.entry("attachment_files.files", attachmentId), Map.entry("deliveries", "ntf-" + id),
                Map.entry("outbound_statuses", "wamid." + id), Map.entry("verifications", ticketId));
    }

    @Test
    void shouldPurgeEveryKindOfPersonalDataOlderThanItsRetentionAndKeepRecentData() {
        // given: a person's data written two hours ago, another's just now
        Instant now = Instant.now();
        Map<String, String> old = written(now.minus(Duration.ofHours(2)));
        Map<String, String> recent = written(now);
        assertThat(old).allSatisfy((collection, id) -> assertThat(exists(collection, id)).as(collection).isTrue());

        // when: the retention job runs
        var purged = job.runOnce();

        // then: it ran every purge, and every kind of the old data is gone, with its CTI call and its counters
        assertThat(purged).get().satisfies(counts -> assertThat(counts).containsOnlyKeys("contacts", "requests", "inbound", "calls",
                "cti-calls", "deliveries", "outbound-statuses", "verifications", "verification-limits", "rate-limits", "attachments"));
        assertThat(old).allSatisfy((collection, id) -> assertThat(exists(collection, id)).as(collection).isFalse());
        assertThat(count("cti_calls", "firstSeenAt", now.minus(Duration.ofMinutes(90)))).isZero();
        assertThat(count("verification_limits", "expireAt", now.minus(Duration.ofMinutes(30)))).isZero();
        // and none of the recent data
        assertThat(recent).allSatisfy((collection, id) -> assertThat(exists(collection, id)).as(collection).isTrue());
        assertThat(attachments.content(recent.get("attachments")).block(WAIT)).isNotEmpty();
        assertThat(count("verification_limits", "expireAt", now.plus(Duration.ofHours(2)))).isPositive();
    }

    private boolean exists(String collection, String id) {
        Object key = collection.equals("attachment_files.files") ? new org.bson.BsonString(id) : id;
        return Boolean.TRUE.equals(mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(new Document("_id", key)).first()))
                .hasElement().block(WAIT));
    }

    /** Documents whose {@code field} is before {@code before}. */
    private long count(String collection, String field, Instant before) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.countDocuments(new Document(field, new Document("$lt", java.util.Date.from(before))))))
                .blockOptional(WAIT).orElse(0L);
    }
}
