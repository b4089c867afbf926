package fr.numi.intake.delivery.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.delivery.application.OutboundStatusLog;
import fr.numi.intake.delivery.domain.IdempotencyKey;
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
import org.junit.jupiter.api.BeforeEach;
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
    /** What the next provider calls answer instead of a message id, in order (then success again). */
    final java.util.Deque<ProviderException> failures = new java.util.ArrayDeque<>();
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
            "http://numi.test/suivi.html?t=", 65536, null, null, null);

    DeliverNotification useCase(boolean whatsAppConfigured) {
        WhatsAppSender whatsApp = new WhatsAppSender() {
            public boolean configured() {
                return whatsAppConfigured;
            }

            public Mono<String> send(OutgoingMessage message) {
                return answer(message, "wamid.1");
            }
        };
        SmsSender sms = new SmsSender() {
            public boolean configured() {
                return true;
            }

            public Mono<String> send(OutgoingMessage message) {
                return answer(message, "SM1");
            }
        };
        EmailSender email = new EmailSender() {
            public boolean configured() {
                return true;
            }

            public Mono<String> send(OutgoingMessage message) {
                return answer(message, "<1@numi>");
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
                new DeliveryProperties(null, null, null, null, CAP, null), new RateLimiter(shared, clock), new SimpleMeterRegistry(), clock);
    }

    private Mono<String> answer(OutgoingMessage message, String providerId) {
        ProviderException failure = failures.poll();
        if (failure != null) {
            return Mono.error(failure);
        }
        sent.add(message);
        return Mono.just(providerId);
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
        assertThat(log.kept.get("n-1")).isEqualTo(new OutgoingMessage(Via.WHATSAPP_TEXT, "33612345678", "NUMI-7K3Q-9XMD", "Bonjour", false,
                IdempotencyKey.of("n-1")));
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
            // nobody reads the address it comes from: it says where to answer
            assertThat(m.text()).startsWith("Débranchez l'imprimante.")
                    .endsWith("\nPour nous répondre ou suivre votre demande : http://numi.test/suivi.html?t="
                            + DerivedIds.trackingToken(SECRET, "web-123"));
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
    class Retries {

        static final DeliveryProperties.Retry RETRY = new DeliveryProperties.Retry(null, null, null, null, null, 0);

        @BeforeEach
        void provenWhatsAppSender() {
            contacts.put(CUSTOMER, new ContactDirectory.Entry(CUSTOMER, new Contact(Contact.Kind.WHATSAPP, "+33612345678"), Channel.WHATSAPP,
                    NOW, NOW, true));
        }

        @Test
        void shouldRecordARetryInsteadOfAnOutcomeWhenTheProviderAnswers503AndSendOnceWhenDue() {
            // given
            DeliverNotification deliver = useCase(true);
            failures.add(new ProviderException("whatsapp-api answered 503 code=131000", true));

            // when
            Outcome first = deliver.deliver(notification("r-1", "WHATSAPP")).block();

            // then: nothing published yet, the retry is in the log with its due time
            assertThat(first).isNull();
            assertThat(published).isEmpty();
            MemoryLog.Pending p = log.pending.get("r-1");
            assertThat(p.state).isEqualTo("RETRY");
            assertThat(p.retryAt).isEqualTo(NOW.plus(RETRY.firstWait()));
            assertThat(p.retryUntil).isEqualTo(NOW.plus(RETRY.giveUpAfter()));
            assertThat(p.lastError).isEqualTo("whatsapp-api answered 503 code=131000");

            // and when it is due, another instance sends it, once
            RetryDueDeliveries other = new RetryDueDeliveries(deliver, log, new DeliveryProperties(null, null, null, null, CAP, null), clock,
                    "instance-b");
            assertThat(other.runDue()).isZero();
            now = p.retryAt;
            assertThat(other.runDue()).isEqualTo(1);
            assertThat(other.runDue()).isZero();
            assertThat(sent).hasSize(1);
            assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.SENT);
            assertThat(log.pending).doesNotContainKey("r-1");
        }

        @Test
        void shouldRetryCyberInstructionsLaterWhenTheCircuitIsOpen() {
            // given
            DeliverNotification deliver = useCase(true);
            failures.add(new ProviderException("whatsapp-api: circuit open", true));

            // when
            Outcome outcome = deliver.deliver(new Notification("cyber-1", "NUMI-7K3Q-9XMD", CUSTOMER, "WHATSAPP", "CYBER_INSTRUCTIONS",
                    "Ne payez rien.", NOW)).block();

            // then: not FAILED, not dead-lettered: due again
            assertThat(outcome).isNull();
            assertThat(published).isEmpty();
            assertThat(log.pending.get("cyber-1").state).isEqualTo("RETRY");
        }

        @Test
        void shouldFailWithTheLastReasonOnceTheBoundedDelayHasPassed() {
            // given: the provider stays away
            DeliverNotification deliver = useCase(true);
            RetryDueDeliveries retries = new RetryDueDeliveries(deliver, log, new DeliveryProperties(null, null, null, null, CAP, null), clock,
                    "instance-a");
            for (int i = 0; i < 50; i++) {
                failures.add(new ProviderException("twilio-api answered 503 code=20500", true));
            }
            deliver.deliver(notification("r-3", "WHATSAPP")).block();
            List<Instant> attempts = new ArrayList<>(List.of(NOW));

            // when: every retry is tried when due
            while (log.pending.containsKey("r-3")) {
                now = log.pending.get("r-3").retryAt;
                attempts.add(now);
                retries.runDue();
            }

            // then: back-off doubling up to the longest wait, the last attempt at the deadline, then FAILED with the reason
            assertThat(attempts.get(1)).isEqualTo(NOW.plusSeconds(30));
            assertThat(attempts.get(2)).isEqualTo(NOW.plusSeconds(90));
            assertThat(attempts.get(3)).isEqualTo(NOW.plusSeconds(210));
            assertThat(attempts).last().isEqualTo(NOW.plus(RETRY.giveUpAfter()));
            assertThat(sent).isEmpty();
            assertThat(published).singleElement().satisfies(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(s.reason()).isEqualTo("gave-up: " + attempts.size() + " attempts in 30 min, last: twilio-api answered 503 code=20500");
            });
        }

        @Test
        void shouldFailAtOnceAndNotRetryWhenTheProviderRefusesForGood() {
            // given
            failures.add(new ProviderException("whatsapp-api answered 400 code=131026", false));

            // when / then
            assertThatThrownBy(() -> useCase(true).deliver(notification("r-4", "WHATSAPP")).block())
                    .isInstanceOf(DeliveryFailedException.class);
            assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.FAILED);
            assertThat(log.pending).doesNotContainKey("r-4");
        }

        @Test
        void shouldCountAMessageOnceAgainstTheContactsCapWhateverItsRetries() {
            // given
            DeliverNotification deliver = useCase(true);
            RetryDueDeliveries retries = new RetryDueDeliveries(deliver, log, new DeliveryProperties(null, null, null, null, CAP, null), clock,
                    "instance-a");
            for (int i = 0; i < CAP + 2; i++) {
                failures.add(new ProviderException("whatsapp-api answered 503 code=131000", true));
            }

            // when
            deliver.deliver(notification("r-5", "WHATSAPP")).block();
            while (log.pending.containsKey("r-5") && !failures.isEmpty()) {
                now = log.pending.get("r-5").retryAt;
                retries.runDue();
            }
            now = log.pending.get("r-5").retryAt;
            retries.runDue();

            // then: sent in the end, not capped
            assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.SENT);
            assertThat(counters.values()).containsExactly(1L);
        }

        @Test
        void shouldSendAgainAndFlagAPossibleDuplicateWhenTheOwnerStoppedBeforeRecordingTheOutcome() {
            // given: an attempt left SENDING by an instance that stopped (its lease runs for two minutes)
            DeliverNotification deliver = useCase(true);
            log.acquire(notification("r-6", "WHATSAPP"), true, true, "dead-instance", NOW, NOW.plus(RETRY.lease())).block();

            // when: the record comes again while the lease runs
            Outcome redelivered = deliver.deliver(notification("r-6", "WHATSAPP")).block();

            // then: nothing is sent: it is still the dead owner's
            assertThat(redelivered).isNull();
            assertThat(sent).isEmpty();

            // and when the lease has run out, one instance sends it again and flags it
            now = NOW.plus(RETRY.lease());
            new RetryDueDeliveries(deliver, log, new DeliveryProperties(null, null, null, null, CAP, null), clock, "instance-b").runDue();
            assertThat(sent).hasSize(1);
            assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.SENT);
            assertThat(log.possibleDuplicates).containsExactly("r-6");
        }

        @Test
        void shouldNeverSendAgainWhatWasRecordedSentEvenIfItsEventWasNotPublished() {
            // given
            DeliverNotification deliver = useCase(true);
            deliver.deliver(notification("r-7", "WHATSAPP")).block();
            log.published.remove("r-7");

            // when
            deliver.deliver(notification("r-7", "WHATSAPP")).block();
            now = NOW.plus(Duration.ofHours(1));
            new RetryDueDeliveries(deliver, log, new DeliveryProperties(null, null, null, null, CAP, null), clock, "instance-b").runDue();

            // then
            assertThat(sent).hasSize(1);
            assertThat(published).extracting(DeliveryStatus::outcome).containsExactly(Outcome.SENT, Outcome.SENT);
        }

        @Test
        void shouldFailAVerificationCodeAtOnceOnATransientFailure() {
            // given
            failures.add(new ProviderException("twilio-api answered 503 code=20500", true));

            // when / then: the person is waiting for it and asks for another one
            assertThatThrownBy(() -> useCase(true).deliverVerificationCode(new Notification("verify:2", "NUMI-7K3Q-9XMD", CUSTOMER, "WEB",
                    "VERIFICATION_CODE", "Votre code est 123456", NOW, new Notification.Recipient(Route.SMS, "PHONE", "+33622222222"), null))
                    .block()).isInstanceOf(DeliveryFailedException.class);
            assertThat(log.pending.get("verify:2")).isNull();
        }
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

    /** The delivery log in memory, with the states, owners and leases of {@code MongoDeliveryLog}. */
    static final class MemoryLog implements DeliveryLog {

        final Map<String, DeliveryStatus> settled = new HashMap<>();
        final Map<String, OutgoingMessage> kept = new HashMap<>();
        final java.util.Set<String> published = new java.util.HashSet<>();
        final java.util.Set<String> possibleDuplicates = new java.util.HashSet<>();
        final Map<String, Pending> pending = new HashMap<>();

        /** A message under way: SENDING (owner, lease) or RETRY (due at retryAt). */
        static final class Pending {
            Notification notification;
            boolean proofRequired;
            boolean retryable;
            String state;
            String owner;
            Instant leaseUntil;
            Instant retryAt;
            Instant retryUntil;
            int attempts;
            int failures;
            boolean capTaken;
            String lastError;
        }

        public Mono<Claim> claim(Notification n, boolean proofRequired, boolean retryable, String owner, Instant now, Instant leaseUntil) {
            return Mono.fromSupplier(() -> {
                String id = n.notificationId();
                if (settled.containsKey(id) || pending.containsKey(id)) {
                    return new Claim(entry(id, n), null);
                }
                Pending p = new Pending();
                pending.put(id, p);
                p.notification = n;
                p.proofRequired = proofRequired;
                p.retryable = retryable;
                return new Claim(entry(id, n), take(p, owner, leaseUntil, false));
            });
        }

        public Mono<Attempt> acquire(Notification n, boolean proofRequired, boolean retryable, String owner, Instant now, Instant leaseUntil) {
            return Mono.fromSupplier(() -> {
                DeliveryStatus s = settled.get(n.notificationId());
                boolean freshWindow = s != null && s.outcome() == Outcome.FAILED;
                if (s != null && !freshWindow) {
                    return null;
                }
                Pending p = pending.computeIfAbsent(n.notificationId(), id -> new Pending());
                if (!takeable(p, now)) {
                    return null;
                }
                settled.remove(n.notificationId());
                p.notification = n;
                p.proofRequired = proofRequired;
                p.retryable = retryable;
                return take(p, owner, leaseUntil, freshWindow);
            });
        }

        public Mono<Attempt> claimNextDue(String owner, Instant now, Instant leaseUntil) {
            return Mono.fromSupplier(() -> pending.values().stream()
                    .filter(p -> p.state != null && (RETRY.equals(p.state) || p.retryable) && takeable(p, now))
                    .findFirst()
                    .map(p -> take(p, owner, leaseUntil, false))
                    .orElse(null));
        }

        public Mono<Boolean> retryLater(String id, String owner, int failures, Instant retryAt, Instant retryUntil, String reason) {
            return Mono.fromSupplier(() -> {
                Pending p = pending.get(id);
                if (p == null || !SENDING.equals(p.state) || !owner.equals(p.owner)) {
                    return false;
                }
                p.state = RETRY;
                p.owner = null;
                p.leaseUntil = null;
                p.retryAt = retryAt;
                p.retryUntil = retryUntil;
                p.failures = failures;
                p.capTaken = true;
                p.lastError = reason;
                return true;
            });
        }

        public Mono<Void> settle(String id, DeliveryStatus status, OutgoingMessage message, boolean possibleDuplicate, Instant publishBy) {
            return Mono.fromRunnable(() -> {
                pending.remove(id);
                settled.put(id, status);
                published.remove(id);
                if (possibleDuplicate) {
                    possibleDuplicates.add(id);
                }
                if (message != null) {
                    kept.put(id, message);
                }
            });
        }

        public Mono<Entry> claimNextUnpublished(Instant now, Instant leaseUntil) {
            return Mono.empty();
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

        private static boolean takeable(Pending p, Instant now) {
            return p.state == null
                    || RETRY.equals(p.state) && !p.retryAt.isAfter(now)
                    || SENDING.equals(p.state) && !p.leaseUntil.isAfter(now);
        }

        private static Attempt take(Pending p, String owner, Instant leaseUntil, boolean freshWindow) {
            boolean unknown = SENDING.equals(p.state);
            p.state = SENDING;
            p.owner = owner;
            p.leaseUntil = leaseUntil;
            p.retryAt = null;
            p.attempts++;
            if (freshWindow) {
                p.failures = 0;
                p.retryUntil = null;
                p.capTaken = false;
            }
            return new Attempt(p.notification, p.proofRequired, p.attempts, p.failures, p.retryUntil, unknown, p.capTaken);
        }

        private Entry entry(String id, Notification n) {
            DeliveryStatus s = settled.get(id);
            return new Entry(id, n == null ? s.ticketId() : n.ticketId(), n == null ? s.customerId() : n.customerId(),
                    n == null ? s.kind() : n.kind(), s == null ? null : s.outcome(), published.contains(id), s);
        }

        static final String SENDING = "SENDING";
        static final String RETRY = "RETRY";
    }
}
