package fr.numi.intake.delivery.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.delivery.application.OutboundStatusLog;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.delivery.domain.Via;
import fr.numi.intake.delivery.domain.WhatsAppStatus;
import fr.numi.intake.limits.application.RateCounters;
import fr.numi.intake.limits.application.RateLimiter;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.Digests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The delivery use case with in-memory ports: routing, the outbox, failures and redeliveries. */
class DeliverNotificationTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String SECRET = "unit-test-customer-id-secret";
    /** The customer of +33612345678 (on WhatsApp or by phone: one customer id). */
    static final String CUSTOMER = Digests.customerId(SECRET, new Contact(Contact.Kind.PHONE, "+33612345678"));
    static final int CAP = 3;

    final MemoryLog log = new MemoryLog();
    final Map<String, ContactDirectory.Entry> contacts = new HashMap<>();
    final List<DeliveryStatus> published = new ArrayList<>();
    final List<OutgoingMessage> sent = new ArrayList<>();
    final Map<String, PublishedTickets.Ticket> publishedTickets = new HashMap<>();
    final Map<String, Long> counters = new HashMap<>();
    Instant now = NOW;
    final Clock clock = new Clock() {
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    static final IntakeProperties PROPERTIES = new IntakeProperties(SECRET, "http://numi.test/api/v1/tracking/",
            "http://numi.test/suivi.html?t=", 65536, null, null);

    DeliverNotification useCase(boolean whatsAppConfigured) {
        WhatsAppSender whatsApp = new WhatsAppSender() {
            public boolean configured() {
                return whatsAppConfigured;
            }

            public Mono<String> send(OutgoingMessage message) {
                sent.add(message);
                return Mono.just("wamid.1");
            }
        };
        SmsSender sms = new SmsSender() {
            public boolean configured() {
                return true;
            }

            public Mono<String> send(OutgoingMessage message) {
                sent.add(message);
                return Mono.just("SM1");
            }
        };
        EmailSender email = new EmailSender() {
            public boolean configured() {
                return true;
            }

            public Mono<String> send(OutgoingMessage message) {
                sent.add(message);
                return Mono.just("<1@numi>");
            }
        };
        PublishedTickets tickets = new PublishedTickets() {
            public Mono<Boolean> reserve(String ticketId, String requestId, Instant at) {
                return Mono.just(true);
            }

            public Mono<Void> remember(Ticket ticket) {
                return Mono.empty();
            }

            public Mono<Ticket> find(String ticketId) {
                return Mono.justOrEmpty(publishedTickets.get(ticketId));
            }

            public Mono<Ticket> findByTrackingTokenHash(String hash) {
                return Mono.empty();
            }

            public Mono<Void> markProven(String ticketId) {
                return Mono.empty();
            }
        };
        ContactDirectory directory = new ContactDirectory() {
            public Mono<Void> remember(String customerId, Contact contact, Channel channel, boolean proven, Instant at) {
                return Mono.empty();
            }

            public Mono<Void> touchWhatsApp(String customerId, Instant at) {
                return Mono.empty();
            }

            public Mono<Entry> find(String customerId) {
                return Mono.justOrEmpty(contacts.get(customerId));
            }
        };
        OutboundStatusLog statuses = new OutboundStatusLog() {
            public Mono<String> record(WhatsAppStatus status) {
                return Mono.empty();
            }

            public Mono<List<WhatsAppStatus>> link(String wamid, String notificationId) {
                return Mono.just(List.of());
            }
        };
        DeliveryStatusPublisher publisher = status -> Mono.fromRunnable(() -> published.add(status));
        RateCounters shared = (key, window) -> Mono.fromSupplier(() -> counters.merge(key + "@" + window.start(), 1L, Long::sum));
        return new DeliverNotification(log, directory, tickets, whatsApp, sms, email, publisher, statuses, PROPERTIES,
                new DeliveryProperties(null, null, null, null, CAP), new RateLimiter(shared, clock), new SimpleMeterRegistry(), clock);
    }

    @Test
    void shouldKeepTheMessageInTheOutboxWhenWhatsAppHasNoCredentials() {
        // given
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.WHATSAPP,
                NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(1)), true));

        // when
        Outcome outcome = useCase(false).deliver(notification("n-1", "WHATSAPP")).block();

        // then
        assertThat(outcome).isEqualTo(Outcome.OUTBOX);
        assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.OUTBOX);
        assertThat(log.kept.get("n-1")).isEqualTo(new OutgoingMessage(Via.WHATSAPP_TEXT, "33612345678", "NUMI-7K3Q-9XMD", "Bonjour", false));
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldChooseTheTemplateWhenTheLastWhatsAppMessageIsOlderThan24Hours() {
        // given
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.PHONE,
                NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(24)).minusSeconds(1), true));

        // when
        useCase(true).deliver(notification("n-2", "WHATSAPP")).block();

        // then
        assertThat(sent).extracting(OutgoingMessage::via).containsExactly(Via.WHATSAPP_TEMPLATE);
    }

    @Test
    void shouldPublishFailedAndRefuseWhenNoContactIsKnownForAWhatsAppTicket() {
        // given: nobody in the directory

        // when / then
        assertThatThrownBy(() -> useCase(true).deliver(notification("n-3", "WHATSAPP")).block())
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("no-contact");
        assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.FAILED);
    }

    @Test
    void shouldLeaveAnUnknownWebCustomerToTheTrackingPage() {
        // when
        Outcome outcome = useCase(true).deliver(notification("n-4", "WEB")).block();

        // then
        assertThat(outcome).isEqualTo(Outcome.TRACKING_PAGE);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldPublishAgainWithoutSendingWhenTheOutcomeWasStoredButNotPublished() {
        // given
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.WHATSAPP,
                NOW, NOW, true));
        DeliverNotification deliver = useCase(true);
        deliver.deliver(notification("n-5", "WHATSAPP")).block();
        log.published.remove("n-5");
        published.clear();

        // when
        deliver.deliver(notification("n-5", "WHATSAPP")).block();

        // then
        assertThat(sent).hasSize(1);
        assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.SENT);
    }

    @Test
    void shouldSendAnEMailWithTheTrackingLinkToTheRecipientTicketServiceNames() {
        // when
        Outcome outcome = useCase(true).deliver(new Notification("n-6", "NUMI-7K3Q-9XMD", CUSTOMER, "WEB", "AGENT_REPLY",
                "Débranchez l'imprimante.", NOW, new Notification.Recipient(Route.EMAIL, "EMAIL", "jeanne@example.org"), "web-123")).block();

        // then
        assertThat(outcome).isEqualTo(Outcome.SENT);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.via()).isEqualTo(Via.EMAIL);
            assertThat(m.to()).isEqualTo("jeanne@example.org");
            assertThat(m.text()).startsWith("Débranchez l'imprimante.")
                    .contains("http://numi.test/suivi.html?t=" + DerivedIds.trackingToken(SECRET, "web-123"));
        });
    }

    @Test
    void shouldNeverUseTheDirectoryForTheTicketOfANumberTypedOnTheWeb() {
        // given: Jeanne's proven WhatsApp in the directory, and a web request typed with her number
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.WHATSAPP,
                NOW, NOW, true));
        publishedTickets.put("NUMI-TYPE-D000", new PublishedTickets.Ticket("NUMI-TYPE-D000", "hash", CUSTOMER, "WEB", "web-9",
                new Contact(Contact.Kind.PHONE, "+33612345678"), false));

        // when: urgency-service (no recipient) asks for a message on that ticket
        Outcome outcome = useCase(true).deliver(new Notification("n-7", "NUMI-TYPE-D000", CUSTOMER, "WEB", "CYBER_INSTRUCTIONS",
                "Ne payez rien.", NOW)).block();

        // then: nothing is sent to Jeanne's WhatsApp; the typed ticket's page shows it
        assertThat(outcome).isEqualTo(Outcome.TRACKING_PAGE);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldEMailTheSurveyWithALinkToTheRatingFormOfTheTrackingPage() {
        // given: a web request with an e-mail address
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.EMAIL, "marie@example.org"), Channel.WEB,
                NOW, null, false));
        publishedTickets.put("NUMI-7K3Q-9XMD", new PublishedTickets.Ticket("NUMI-7K3Q-9XMD", "hash", CUSTOMER, "WEB", "web-42",
                new Contact(Contact.Kind.EMAIL, "marie@example.org"), false));

        // when: feedback-service asks for the survey
        useCase(true).deliver(new Notification("survey-1", "NUMI-7K3Q-9XMD", CUSTOMER, "WEB", Notification.SURVEY,
                "Votre demande est résolue. Êtes-vous satisfait ?", NOW)).block();

        // then
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.via()).isEqualTo(Via.EMAIL);
            assertThat(m.text()).contains("note de 1 à 5").contains("http://numi.test/suivi.html?t=" + DerivedIds.trackingToken(SECRET, "web-42"));
        });
    }

    @Test
    void shouldSendAnSmsToAProvenMobileCaller() {
        // given
        contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.PHONE, "+33612345678"), Channel.PHONE,
                NOW, null, true));

        // when
        useCase(true).deliver(notification("n-8", "PHONE")).block();

        // then
        assertThat(sent).extracting(OutgoingMessage::via, OutgoingMessage::to).containsExactly(org.assertj.core.groups.Tuple.tuple(Via.SMS, "+33612345678"));
    }

    @Nested
    class Guards {

        @Test
        void shouldRefuseWhatsAppToANumberThatNeverWroteEvenWhenTicketServiceNamesIt() {
            // given: nobody with this number in the directory (typed on the web form by anyone)
            Notification n = new Notification("g-1", "NUMI-7K3Q-9XMD", CUSTOMER, "WEB", "AGENT_REPLY", "Bonjour", NOW,
                    new Notification.Recipient(Route.WHATSAPP, "WHATSAPP", "+33700000001"), null);

            // when
            Outcome outcome = useCase(true).deliver(n).block();

            // then: not sent, recorded FAILED with the reason the agents read, not dead-lettered
            assertThat(outcome).isEqualTo(Outcome.FAILED);
            assertThat(sent).isEmpty();
            assertThat(published).singleElement().satisfies(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(s.reason()).startsWith("unproven-contact: ").doesNotContain("700000001");
            });
        }

        @Test
        void shouldRefuseAnSmsToANumberTypedOnTheWebAndNeverVerified() {
            // given: the number is in the directory, typed and not proven
            String typed = Digests.customerId(SECRET, new Contact(Contact.Kind.PHONE, "+33611111111"));
            contacts.put(typed, new ContactDirectory.Entry(typed, new Contact(Contact.Kind.PHONE, "+33611111111"), Channel.WEB, NOW, null, false));

            // when
            Outcome outcome = useCase(true).deliver(new Notification("g-2", "NUMI-7K3Q-9XMD", typed, "WEB", "AGENT_REPLY", "Bonjour", NOW,
                    new Notification.Recipient(Route.SMS, "PHONE", "+33611111111"), null)).block();

            // then
            assertThat(outcome).isEqualTo(Outcome.FAILED);
            assertThat(sent).isEmpty();
            assertThat(published).extracting(DeliveryStatus::reason).singleElement().asString().startsWith("unproven-contact");
        }

        @Test
        void shouldSendTheVerificationCodeToTheTypedNumberItIsToProve() {
            // when
            Outcome outcome = useCase(true).deliverVerificationCode(new Notification("verify:1", "NUMI-7K3Q-9XMD", CUSTOMER, "WEB",
                    "VERIFICATION_CODE", "Votre code est 123456", NOW, new Notification.Recipient(Route.SMS, "PHONE", "+33622222222"), null))
                    .block();

            // then
            assertThat(outcome).isEqualTo(Outcome.SENT);
            assertThat(sent).extracting(OutgoingMessage::to).containsExactly("+33622222222");
        }

        @Test
        void shouldStopAtTheCapOfMessagesToOneContactInAnHourWhateverTheTicket() {
            // given: a proven WhatsApp sender
            contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.WHATSAPP,
                    NOW, NOW, true));
            DeliverNotification deliver = useCase(true);
            for (int i = 0; i < CAP; i++) {
                assertThat(deliver.deliver(new Notification("c-" + i, i % 2 == 0 ? "NUMI-7K3Q-9XMD" : "NUMI-AAAA-BBBB", CUSTOMER,
                        "WHATSAPP", "AGENT_REPLY", "Message " + i, NOW)).block()).isEqualTo(Outcome.SENT);
            }

            // when
            Outcome over = deliver.deliver(new Notification("c-over", "NUMI-CCCC-DDDD", CUSTOMER, "WHATSAPP", "AGENT_REPLY", "Encore",
                    NOW)).block();

            // then: recorded, not sent
            assertThat(over).isEqualTo(Outcome.FAILED);
            assertThat(sent).hasSize(CAP);
            assertThat(published).last().satisfies(s -> assertThat(s.reason()).startsWith("contact-capped: "));

            // and the next hour the contact may be written to again
            now = NOW.plus(Duration.ofHours(1));
            assertThat(deliver.deliver(new Notification("c-later", "NUMI-CCCC-DDDD", CUSTOMER, "WHATSAPP", "AGENT_REPLY", "Encore", now))
                    .block()).isEqualTo(Outcome.SENT);
        }
    }

    private static Notification notification(String id, String channel) {
        return new Notification(id, "NUMI-7K3Q-9XMD", CUSTOMER, channel, "TICKET_CLAIMED", "Bonjour", NOW);
    }

    /** The delivery log in memory. */
    static final class MemoryLog implements DeliveryLog {

        final Map<String, DeliveryStatus> settled = new HashMap<>();
        final Map<String, OutgoingMessage> kept = new HashMap<>();
        final java.util.Set<String> published = new java.util.HashSet<>();

        public Mono<Entry> claim(Notification n, Instant at) {
            return Mono.fromSupplier(() -> entry(n.notificationId(), n));
        }

        public Mono<Void> settle(String id, DeliveryStatus status, OutgoingMessage message) {
            return Mono.fromRunnable(() -> {
                settled.put(id, status);
                published.remove(id);
                if (message != null) {
                    kept.put(id, message);
                }
            });
        }

        public Mono<Void> markPublished(String id) {
            return Mono.fromRunnable(() -> published.add(id));
        }

        public Mono<Entry> find(String id) {
            return Mono.justOrEmpty(settled.containsKey(id) ? entry(id, null) : null);
        }

        public Flux<OutboxEntry> outbox(String ticketId) {
            return Flux.empty();
        }

        public Mono<String> latestSurvey(String customerId, Instant since) {
            return Mono.empty();
        }

        private Entry entry(String id, Notification n) {
            DeliveryStatus s = settled.get(id);
            return new Entry(id, n == null ? s.ticketId() : n.ticketId(), n == null ? s.customerId() : n.customerId(),
                    n == null ? s.kind() : n.kind(), s == null ? null : s.outcome(), published.contains(id), s);
        }
    }
}
