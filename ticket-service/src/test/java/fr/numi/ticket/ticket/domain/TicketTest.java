package fr.numi.ticket.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:15:00Z");
    static final SlaPolicy SLA = SlaPolicy.standard();
    static final Agent PADAWAN = new Agent("alice", 1, false);
    static final Agent OTHER_PADAWAN = new Agent("bob", 1, false);
    static final Agent JEDI = new Agent("jedi", 2, false);

    static final ContactPoint EMAIL = new ContactPoint("EMAIL", "jeanne@example.org", false, List.of("EMAIL", "TRACKING_PAGE"), "WEB", NOW);

    static RequestFacts facts(boolean redButton) {
        return new RequestFacts("web-1", "NUMI-AAAA-BBBB", "cus_1", "WEB", "hash", redButton, NOW, "Jeanne", null,
                "Mon imprimante ne veut plus imprimer.", EMAIL, List.of(), null);
    }

    /** Another message of the same person, joining the ticket. */
    static RequestFacts followUp(String requestId, String hash, Instant at, String text) {
        return new RequestFacts(requestId, "NUMI-CCCC-" + requestId.substring(requestId.length() - 1) + "DDD", "cus_1", "WEB", hash, false,
                at, null, null, text, EMAIL, List.of(), null);
    }

    static TriageDecision decision(String requestId, int level, Urgency urgency, boolean cyber) {
        return new TriageDecision(requestId, level, urgency, cyber ? "card-fraud" : "printing", cyber, 0.8,
                List.of(new TriageDecision.Reason("category:printing", "imprimante", 2.0)), "2026.11.1", NOW);
    }

    static Ticket qualified(int level) {
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
        ticket.receive("intake:web-1", facts(false), SLA, NOW);
        ticket.qualify("triage:web-1", decision("web-1", level, Urgency.NORMAL, false), SLA, NOW);
        return ticket;
    }

    static List<TicketEvent.Kind> kinds(Ticket ticket) {
        return ticket.outbox().stream().map(TicketEvent::kind).filter(TicketEvent.Kind::lifecycle).toList();
    }

    @Test
    void shouldBeReceivedThenQualifiedAndQueuedOnItsLevel() {
        // given / when
        Ticket ticket = qualified(2);

        // then
        assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
        assertThat(ticket.level()).isEqualTo(2);
        assertThat(ticket.version()).isEqualTo(2);
        assertThat(ticket.outbox()).extracting(TicketEvent::kind).containsExactly(TicketEvent.Kind.RECEIVED,
                TicketEvent.Kind.NOTIFICATION, TicketEvent.Kind.QUALIFIED, TicketEvent.Kind.QUEUED, TicketEvent.Kind.NOTIFICATION);
        assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).first()
                .extracting(TicketEvent::priority).isEqualTo(50);
    }

    @Test
    void shouldKeepAnEarlyDecisionUntilTheRequestArrives() {
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

        ticket.qualify("triage:web-1", decision("web-1", 3, Urgency.CRITICAL, true), SLA, NOW);

        assertThat(ticket.isVisible()).isFalse();
        assertThat(ticket.outbox()).isEmpty();

        ticket.receive("intake:web-1", facts(false), SLA, NOW);

        assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
        assertThat(ticket.cyber()).isTrue();
        assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).first()
                .extracting(TicketEvent::priority).isEqualTo(100);
        assertThat(ticket.firstResponseClock().target()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldIgnoreAnEventItHasAlreadyApplied() {
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
        ticket.receive("intake:web-1", facts(false), SLA, NOW);
        int outbox = ticket.outbox().size();

        boolean changed = ticket.receive("intake:web-1", facts(false), SLA, NOW);

        assertThat(changed).isFalse();
        assertThat(ticket.outbox()).hasSize(outbox);
        assertThat(ticket.publicTimeline()).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.PERSON_MESSAGE, "RECEIVED");
    }

    @Nested
    class Conversation {

        static final ContactPoint WHATSAPP = new ContactPoint("WHATSAPP", "+33612345678", true, List.of("WHATSAPP"), "WHATSAPP", NOW);
        static final ContactPoint LANDLINE = new ContactPoint("PHONE", "+33145678910", true, List.of(), "PHONE", NOW);

        static RequestFacts from(ContactPoint contact, String requestId, String ref, Instant at, String text, String answeredBy) {
            return new RequestFacts(requestId, ref, "cus_1", contact.channel(), "hash-" + requestId, false, at, "Jeanne", null, text,
                    contact, List.of(), answeredBy);
        }

        @Test
        void shouldKeepThePersonsWordsNameAndContactForTheAgents() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

            ticket.receive("intake:web-1", facts(false), SLA, NOW);

            assertThat(ticket.name()).isEqualTo("Jeanne");
            assertThat(ticket.contacts()).singleElement().satisfies(c -> {
                assertThat(c.value()).isEqualTo("jeanne@example.org");
                assertThat(c.proven()).isFalse();
            });
            assertThat(ticket.timeline()).filteredOn(TimelineEntry::personMessage).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("Mon imprimante ne veut plus imprimer.");
                assertThat(m.author()).isEqualTo("Jeanne");
                assertThat(m.id()).isEqualTo("web-1");
                assertThat(m.customerId()).isEqualTo("cus_1");
            });
            assertThat(ticket.replyRoute()).isEqualTo(new TicketEvent.Recipient("EMAIL", "EMAIL", "jeanne@example.org"));
        }

        @Test
        void shouldAddAFollowUpToTheConversationWithItsOwnReference() {
            Ticket ticket = qualified(2);

            ticket.receive("intake:web-2", followUp("web-2", "hash-2", NOW.plusSeconds(60), "C'est une HP Deskjet 2710."), SLA,
                    NOW.plusSeconds(60));

            assertThat(ticket.timeline()).filteredOn(TimelineEntry::personMessage).extracting(TimelineEntry::text)
                    .containsExactly("Mon imprimante ne veut plus imprimer.", "C'est une HP Deskjet 2710.");
            assertThat(ticket.trackingTokenHashes()).containsExactly("hash", "hash-2");
            assertThat(kinds(ticket)).endsWith(TicketEvent.Kind.FOLLOWED_UP);
        }

        @Test
        void shouldReopenWhenThePersonWritesWithinSevenDaysOfResolution() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW.plusSeconds(60));
            Instant later = NOW.plus(Duration.ofDays(3));

            assertThat(ticket.acceptsMessagesAt(later)).isTrue();
            ticket.receive("intake:web-2", followUp("web-2", "hash-2", later, "Ça recommence, l'imprimante clignote encore."), SLA, later);

            assertThat(ticket.status()).isEqualTo(TicketStatus.REOPENED);
            assertThat(ticket.reopenings()).isEqualTo(1);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.REOPENED).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("PERSON_MESSAGE"));
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).last()
                    .satisfies(e -> assertThat(e.level()).isEqualTo(1));
        }

        @Test
        void shouldTakeNoMoreMessagesSevenDaysAfterResolution() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW);

            assertThat(ticket.acceptsMessagesAt(NOW.plus(Duration.ofDays(7)).minusSeconds(1))).isTrue();
            assertThat(ticket.acceptsMessagesAt(NOW.plus(Duration.ofDays(7)))).isFalse();
        }

        @Test
        void shouldCloseWhenThePersonAnswersThatItIsSolved() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, "Pilote réinstallé.", NOW);

            assertThat(ticket.outbox()).filteredOn(e -> "TICKET_RESOLVED".equals(e.reason())).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("Est-ce réglé ?"));
            ticket.receive("intake:web-2", followUp("web-2", "hash-2", NOW.plusSeconds(600), "Oui, merci !"), SLA, NOW.plusSeconds(600));

            assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(ticket.reopenings()).isZero();
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.CLOSED).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("PERSON_CONFIRMED"));
        }

        @Test
        void shouldReopenWhenThePersonSaysItIsNotSolved() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW);

            assertThat(ticket.resolutionAnswered(false, NOW.plusSeconds(60))).isTrue();

            assertThat(ticket.status()).isEqualTo(TicketStatus.REOPENED);
            assertThat(ticket.resolutionCheckPending()).isFalse();
            assertThat(ticket.resolutionAnswered(true, NOW.plusSeconds(90))).isFalse();
        }

        @Test
        void shouldCloseAResolvedTicketNobodyAnsweredAfterSevenDays() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW);

            assertThat(ticket.closeIfUnanswered(NOW.plus(Duration.ofDays(6)))).isFalse();
            assertThat(ticket.closeIfUnanswered(NOW.plus(Duration.ofDays(7)))).isTrue();
            assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        }

        @Test
        void shouldRefuseAReplyToACallerOnALandlineWithTheNumberToCallBack() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
            ticket.receive("intake:cti-1", from(LANDLINE, "cti-1", "NUMI-AAAA-BBBB", NOW, "Appel manqué : rappeler la personne.", null), SLA,
                    NOW);
            ticket.qualify("triage:cti-1", decision("cti-1", 1, Urgency.NORMAL, false), SLA, NOW);
            ticket.claim(PADAWAN, NOW);

            assertThat(ticket.outbox()).noneMatch(e -> e.kind() == TicketEvent.Kind.NOTIFICATION);
            assertThatThrownBy(() -> ticket.reply(PADAWAN, "Bonjour", NOW))
                    .isInstanceOf(NoWrittenChannelException.class)
                    .extracting(e -> ((NoWrittenChannelException) e).callBack()).isEqualTo("+33145678910");
            assertThat(ticket.timeline()).noneMatch(e -> TimelineEntry.AGENT_REPLY.equals(e.kind()));
        }

        /** A WhatsApp sender's ticket, at level 2. */
        static Ticket qualifiedOnWhatsApp() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
            ticket.receive("intake:wa:1", from(WHATSAPP, "wa:1", "NUMI-AAAA-BBBB", NOW, "Bonjour, mon téléphone ne sonne plus", null), SLA,
                    NOW);
            ticket.qualify("triage:wa:1", decision("wa:1", 2, Urgency.NORMAL, false), SLA, NOW);
            return ticket;
        }

        @Test
        void shouldSendTheTrackingLinkWithTheFirstWhatsAppMessageOnly() {
            Ticket ticket = qualifiedOnWhatsApp();

            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.NOTIFICATION)
                    .extracting(TicketEvent::trackingRequestId).containsExactly("wa:1", null);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.NOTIFICATION)
                    .extracting(TicketEvent::recipient).containsOnly(new TicketEvent.Recipient("WHATSAPP", "WHATSAPP", "+33612345678"));
        }

        @Test
        void shouldSendTheTrackingLinkWithEveryEMailSinceThePersonAnswersThere() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.reply(PADAWAN, "Débranchez l'imprimante dix secondes.", NOW.plusSeconds(30));
            ticket.resolve(PADAWAN, "Imprimante redémarrée.", NOW.plusSeconds(60));

            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.NOTIFICATION)
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(e -> {
                        assertThat(e.recipient().route()).isEqualTo("EMAIL");
                        assertThat(e.trackingRequestId()).isEqualTo("web-1");
                    });
            // an e-mail cannot be answered: the question says where to answer it
            assertThat(ticket.outbox()).filteredOn(e -> "TICKET_RESOLVED".equals(e.reason())).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("Est-ce réglé ? Dites-le-nous sur votre page de suivi")
                            .doesNotContain("Répondez OUI ou NON"));
        }

        @Test
        void shouldTellARedButtonThatASpecialistIsComingNotThatItIsBeingLookedAt() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

            ticket.receive("intake:web-1", facts(true), SLA, NOW);

            assertThat(ticket.outbox()).filteredOn(e -> "TICKET_RECEIVED".equals(e.reason())).singleElement()
                    .satisfies(e -> assertThat(e.text()).isEqualTo(
                            "Votre alerte NUMI-AAAA-BBBB est bien reçue. Un conseiller spécialisé vous contacte très vite."));
        }

        @Test
        void shouldAskAWhatsAppSenderToAnswerYesOrNo() {
            Ticket ticket = qualifiedOnWhatsApp();
            ticket.claim(JEDI, NOW);
            ticket.resolve(JEDI, null, NOW.plusSeconds(60));

            assertThat(ticket.outbox()).filteredOn(e -> "TICKET_RESOLVED".equals(e.reason())).singleElement()
                    .satisfies(e -> {
                        assertThat(e.text()).endsWith("Est-ce réglé ? Répondez OUI ou NON.");
                        assertThat(e.trackingRequestId()).isNull();
                    });
        }

        @Test
        void shouldOpenAnAnsweredCallHeldByTheAgentWhoTookIt() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

            ticket.receive("intake:cti-2", from(LANDLINE, "cti-2", "NUMI-AAAA-BBBB", NOW, "Appel reçu", "alice"), SLA, NOW);
            ticket.qualify("triage:cti-2", decision("cti-2", 1, Urgency.NORMAL, false), SLA, NOW.plusSeconds(1));
            ticket.resolve(PADAWAN, "Réglé au téléphone.", NOW.plusSeconds(300));

            assertThat(ticket.firstResponseAt()).isEqualTo(NOW);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.RESOLVED).singleElement()
                    .extracting(TicketEvent::firstContactResolution).isEqualTo(true);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.CLAIMED).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("CALL_ANSWERED"));
        }

        @Test
        void shouldFlagAPossibleDuplicateOnce() {
            Ticket ticket = qualified(1);

            assertThat(ticket.flagPossibleDuplicate("NUMI-ZZZZ-YYYY", NOW)).isTrue();
            assertThat(ticket.flagPossibleDuplicate("NUMI-ZZZZ-YYYY", NOW)).isFalse();
            assertThat(ticket.possibleDuplicates()).containsExactly("NUMI-ZZZZ-YYYY");
            assertThat(ticket.publicTimeline()).noneMatch(e -> e.text().contains("NUMI-ZZZZ-YYYY"));
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void shouldGoFromClaimToResolvedAtFirstContact() {
            Ticket ticket = qualified(1);

            ticket.claim(PADAWAN, NOW.plusSeconds(60));
            ticket.reply(PADAWAN, "Essayez de redémarrer l'imprimante.", NOW.plusSeconds(120));
            ticket.resolve(PADAWAN, "Redémarrage", NOW.plusSeconds(600));

            assertThat(ticket.status()).isEqualTo(TicketStatus.RESOLVED);
            assertThat(ticket.firstResponseTime()).isEqualTo(Duration.ofMinutes(2));
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.RESOLVED).singleElement()
                    .extracting(TicketEvent::firstContactResolution).isEqualTo(true);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.NOTIFICATION)
                    .extracting(TicketEvent::reason)
                    .containsExactly("TICKET_RECEIVED", "TICKET_QUALIFIED", "TICKET_CLAIMED", "AGENT_REPLY", "TICKET_RESOLVED");
        }

        @Test
        void shouldNotCountAsFirstContactWhenTheAgentHadToWaitForThePerson() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.waitForPerson(PADAWAN, "Quel est le modèle de votre imprimante ?", NOW.plusSeconds(60));

            ticket.receive("intake:web-2", followUp("web-2", "hash-2", NOW.plusSeconds(600), "C'est une HP Deskjet."), SLA,
                    NOW.plusSeconds(600));
            ticket.resolve(PADAWAN, null, NOW.plusSeconds(900));

            assertThat(kinds(ticket)).contains(TicketEvent.Kind.WAITING_FOR_PERSON, TicketEvent.Kind.RESUMED);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.RESOLVED).singleElement()
                    .extracting(TicketEvent::firstContactResolution).isEqualTo(false);
        }

        @Test
        void shouldRefuseToResolveATicketNobodyClaimed() {
            Ticket ticket = qualified(1);

            assertThatThrownBy(() -> ticket.resolve(PADAWAN, null, NOW))
                    .isInstanceOf(IllegalTransitionException.class)
                    .extracting(e -> ((IllegalTransitionException) e).current()).isEqualTo(TicketStatus.QUALIFIED);
        }

        @Test
        void shouldRefuseToClaimATicketAlreadyInProgress() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);

            assertThatThrownBy(() -> ticket.claim(OTHER_PADAWAN, NOW)).isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void shouldLetOnlyTheAgentHoldingTheTicketAnswerIt() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);

            assertThatThrownBy(() -> ticket.reply(OTHER_PADAWAN, "Bonjour", NOW)).isInstanceOf(NotAssignedException.class);
            ticket.reply(new Agent("sup", 3, true), "Bonjour", NOW);
            assertThat(ticket.firstResponseTime()).isZero();
        }

        @Test
        void shouldReopenAResolvedTicketBackOnItsQueueAndVoidFirstContactResolution() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW);

            ticket.reopen(PADAWAN, "Le problème est revenu", NOW.plusSeconds(3600));
            ticket.claim(PADAWAN, NOW.plusSeconds(3700));
            ticket.resolve(PADAWAN, null, NOW.plusSeconds(4000));

            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).hasSize(2);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.RESOLVED)
                    .extracting(TicketEvent::firstContactResolution).containsExactly(true, false);
        }

        @Test
        void shouldCloseOnlyAResolvedTicket() {
            Ticket ticket = qualified(1);
            assertThatThrownBy(() -> ticket.close(PADAWAN, NOW)).isInstanceOf(IllegalTransitionException.class);
            ticket.claim(PADAWAN, NOW);
            ticket.resolve(PADAWAN, null, NOW);
            ticket.close(PADAWAN, NOW);
            assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(ticket.isOpen()).isFalse();
        }
    }

    @Nested
    class Levels {

        @Test
        void shouldRaiseTheLevelAndRequeueOnAFollowUpDecision() {
            Ticket ticket = qualified(1);

            ticket.qualify("triage:web-2", decision("web-2", 3, Urgency.HIGH, true), SLA, NOW);

            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED)
                    .extracting(TicketEvent::level).containsExactly(1, 3);
        }

        @Test
        void shouldNeverLowerTheLevel() {
            Ticket ticket = qualified(3);

            ticket.qualify("triage:web-2", decision("web-2", 1, Urgency.LOW, false), SLA, NOW);

            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).hasSize(1);
        }

        @Test
        void shouldEscalateWithAReasonBackOnTheHigherQueue() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);

            ticket.escalate(PADAWAN, 2, "Compte de messagerie bloqué", NOW);

            assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(ticket.assignee()).isNull();
            assertThat(ticket.escalations()).isEqualTo(1);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.ESCALATED).singleElement()
                    .satisfies(e -> {
                        assertThat(e.fromLevel()).isEqualTo(1);
                        assertThat(e.level()).isEqualTo(2);
                        assertThat(e.reason()).isEqualTo("Compte de messagerie bloqué");
                    });
            assertThat(JEDI.maySee(ticket)).isTrue();
            assertThat(PADAWAN.maySee(ticket)).isFalse();
        }

        @Test
        void shouldRefuseAnEscalationThatDoesNotRaiseTheLevel() {
            Ticket ticket = qualified(2);
            assertThatThrownBy(() -> ticket.escalate(JEDI, 2, "pareil", NOW)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class FirstResponseSla {

        @Test
        void shouldWarnAt75PercentAndBreachWhenDue() {
            Ticket ticket = qualified(1);

            assertThat(ticket.nextSlaDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
            assertThat(ticket.checkSla(NOW.plus(Duration.ofMinutes(89)))).isFalse();
            assertThat(ticket.checkSla(NOW.plus(Duration.ofMinutes(90)))).isTrue();
            assertThat(ticket.nextSlaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(2)));
            assertThat(ticket.checkSla(NOW.plus(Duration.ofHours(2)))).isTrue();

            assertThat(kinds(ticket)).containsSubsequence(TicketEvent.Kind.SLA_WARNING, TicketEvent.Kind.SLA_BREACHED);
            assertThat(ticket.nextSlaDeadline()).isNull();
            assertThat(ticket.checkSla(NOW.plus(Duration.ofHours(3)))).isFalse();
        }

        @Test
        void shouldGiveCyberEmergencies15Minutes() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
            ticket.receive("intake:web-1", facts(true), SLA, NOW);

            assertThat(ticket.firstResponseClock().dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        }

        @Test
        void shouldStopTheClockAtTheFirstPublicAnswer() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.reply(PADAWAN, "Bonjour", NOW.plusSeconds(60));

            assertThat(ticket.nextSlaDeadline()).isNull();
            assertThat(ticket.checkSla(NOW.plus(Duration.ofHours(5)))).isFalse();
        }

        @Test
        void shouldPauseWhileWaitingForThePerson() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            ticket.waitForPerson(PADAWAN, null, NOW.plus(Duration.ofMinutes(30)));

            assertThat(ticket.nextSlaDeadline()).isNull();

            ticket.receive("intake:web-2", followUp("web-2", "h2", NOW, "Voilà"), SLA, NOW.plus(Duration.ofMinutes(90)));

            // 60 minutes paused: warning moves from 90 to 150 minutes after receipt
            assertThat(ticket.nextSlaDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(150)));
        }
    }

    @Nested
    class CyberUrgencies {

        CyberUrgency urgency(int revision, String type, String delivery) {
            return new CyberUrgency("urg-1", "TRIAGE", type, "Arnaque", revision, NOW, "Premiers conseils",
                    List.of("Ne cliquez plus sur rien.", "Ne payez rien."), delivery,
                    List.of(new CyberUrgency.OrientationStep(1, "17Cyber", "Signaler", null, "https://17cyber.gouv.fr", null)), delivery,
                    "cus_1", "WEB", NOW);
        }

        @Test
        void shouldOpenAndQueueTheTicketWhenTheDeclarationOvertakesItsRequest() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

            ticket.markCyberUrgency("urgency:1", urgency(1, "REMOTE_ACCESS_SCAM", "HANDED_TO_DELIVERY"), SLA, NOW);

            assertThat(ticket.isVisible()).isTrue();
            assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).singleElement()
                    .satisfies(e -> assertThat(e.priority()).isEqualTo(100));
            assertThat(ticket.firstResponseClock().dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));

            // when the request arrives, it only brings the tracking link
            ticket.receive("intake:web-1", facts(true), SLA, NOW);
            assertThat(ticket.snapshot().trackingTokenHashes()).containsExactly("hash");
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).hasSize(1);
        }

        @Test
        void shouldTakeATicketInProgressAtLevel1ToTheHeadOfTheLevel3Queue() {
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);

            ticket.markCyberUrgency("urgency:1", urgency(1, "CARD_FRAUD", "HANDED_TO_DELIVERY"), SLA, NOW);

            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(ticket.assignee()).isNull();
            assertThat(ticket.cyber()).isTrue();
            assertThat(ticket.urgency()).isEqualTo(Urgency.CRITICAL);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).last()
                    .satisfies(e -> assertThat(e.priority()).isEqualTo(100));
            assertThat(ticket.publicTimeline()).extracting(TimelineEntry::text).anyMatch(t -> t.contains("Ne payez rien."));
            assertThat(PADAWAN.maySee(ticket)).isFalse();
        }

        @Test
        void shouldIgnoreAnOlderRevisionAndShowAFailedDeliveryToLevel3() {
            Ticket ticket = qualified(3);
            ticket.markCyberUrgency("urgency:2", urgency(2, "TRANSFER_SCAM", "FAILED"), SLA, NOW);

            ticket.markCyberUrgency("urgency:1", urgency(1, "CARD_FRAUD", "HANDED_TO_DELIVERY"), SLA, NOW);

            assertThat(ticket.cyberUrgency().incidentType()).isEqualTo("TRANSFER_SCAM");
            assertThat(ticket.timeline()).extracting(TimelineEntry::kind).contains("DELIVERY_FAILED");
            assertThat(ticket.firstResponseClock().target()).isEqualTo(Duration.ofMinutes(15));
        }
    }

    @Nested
    class MergeAndSplit {

        static final ContactPoint PROVEN = new ContactPoint("WHATSAPP", "+33612345678", true, List.of("WHATSAPP"), "WHATSAPP", NOW);

        Ticket whatsApp(String id, String requestId, String text) {
            Ticket t = Ticket.open(id);
            t.receive("intake:" + requestId, new RequestFacts(requestId, id, "cus_1", "WHATSAPP", "hash-" + requestId, false, NOW, "Jeanne",
                    null, text, PROVEN, List.of(), null), SLA, NOW);
            t.qualify("triage:" + requestId, decision(requestId, 2, Urgency.NORMAL, false), SLA, NOW);
            return t;
        }

        @Test
        void shouldTakeInTheMessagesOfAMergedTicketButNotTheLinkOfAnUnprovenOne() {
            // given: Jeanne's WhatsApp ticket, and a web request typed with an e-mail (another customer, not proven)
            Ticket survivor = whatsApp("NUMI-AAAA-BBBB", "wa:1", "Mon téléphone ne sonne plus");
            Ticket typed = qualified(1);
            Ticket other = Ticket.restore(new Ticket.Snapshot("NUMI-CCCC-DDDD", typed.customerId(), typed.channel(), typed.trackingTokenHashes(),
                    typed.status(), typed.level(), typed.urgency(), typed.category(), false, typed.triage(), NOW, NOW, NOW, typed.version(), null,
                    List.of(), 0, 0, false, null, null, typed.firstResponseClock(), null, "Jeanne", typed.contacts(), List.of(), null, null,
                    null, false, false, false, false, typed.timeline(), List.of(), List.of()));

            // when
            assertThat(other.mergeInto("NUMI-AAAA-BBBB", JEDI, NOW)).isTrue();
            assertThat(survivor.absorb(other, JEDI, NOW)).isTrue();

            // then
            assertThat(other.status()).isEqualTo(TicketStatus.MERGED);
            assertThat(other.mergeInto("NUMI-AAAA-BBBB", JEDI, NOW)).isFalse();
            assertThat(survivor.timeline()).filteredOn(TimelineEntry::personMessage).extracting(TimelineEntry::text)
                    .contains("Mon téléphone ne sonne plus", "Mon imprimante ne veut plus imprimer.");
            assertThat(survivor.trackingTokenHashes()).containsExactly("hash-wa:1");
            assertThat(survivor.contacts()).extracting(ContactPoint::value).contains("+33612345678", "jeanne@example.org");
            assertThat(survivor.absorb(other, JEDI, NOW)).isFalse();
        }

        @Test
        void shouldSplitAJoinedMessageOutWithItsLinkIntoATicketOfItsOwn() {
            // given: a conversation with a second message about something else
            Ticket conversation = whatsApp("NUMI-AAAA-BBBB", "wa:1", "Mon téléphone ne sonne plus");
            conversation.receive("intake:wa:2", new RequestFacts("wa:2", "NUMI-EEEE-FFFF", "cus_1", "WHATSAPP", "hash-wa:2", false,
                    NOW.plusSeconds(60), "Jeanne", null, "Autre chose : ma tablette est bloquée", PROVEN, List.of(), null), SLA, NOW.plusSeconds(60));

            // when
            TimelineEntry message = conversation.splitOut("wa:2", JEDI, NOW.plusSeconds(120));
            Ticket split = Ticket.open(message.requestRef());
            split.openFromSplit(message, conversation, 2, SLA, JEDI, NOW.plusSeconds(120));

            // then
            assertThat(split.id()).isEqualTo("NUMI-EEEE-FFFF");
            assertThat(split.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(split.trackingTokenHashes()).containsExactly("hash-wa:2");
            assertThat(split.timeline()).filteredOn(TimelineEntry::personMessage).singleElement()
                    .extracting(TimelineEntry::text).isEqualTo("Autre chose : ma tablette est bloquée");
            assertThat(split.replyRoute()).isEqualTo(new TicketEvent.Recipient("WHATSAPP", "WHATSAPP", "+33612345678"));
            assertThat(conversation.trackingTokenHashes()).containsExactly("hash-wa:1");
            assertThat(conversation.timeline()).filteredOn(TimelineEntry::personMessage).hasSize(1);
            assertThatThrownBy(() -> conversation.splitOut("wa:1", JEDI, NOW)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldSurviveASnapshotRoundTrip() {
        Ticket ticket = qualified(2);
        ticket.claim(JEDI, NOW);

        Ticket restored = Ticket.restore(ticket.snapshot());

        assertThat(restored.snapshot()).isEqualTo(ticket.snapshot());
        assertThat(restored.receive("intake:web-1", facts(true), SLA, NOW)).isFalse();
    }

    @Nested
    class Erasure {

        @Test
        void shouldKeepWhatIsCountedAndDropWhatNamesOrQuotesThePersonOnTheirOwnTicket() {
            // given: the person's ticket, qualified, answered, with a note and messages for them still in the outbox
            Ticket ticket = qualified(1);
            ticket.claim(PADAWAN, NOW);
            int outboxBefore = ticket.outbox().size();

            // when
            boolean changed = ticket.erasePerson("cus_1");

            // then
            assertThat(changed).isTrue();
            assertThat(ticket.customerId()).isEqualTo(Ticket.ERASED_CUSTOMER);
            assertThat(ticket.name()).isNull();
            assertThat(ticket.contacts()).isEmpty();
            assertThat(ticket.trackingTokenHashes()).isEmpty();
            assertThat(ticket.triage().reasons()).isEmpty();
            assertThat(ticket.timeline()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.text()).isNull();
                assertThat(e.customerId()).isNull();
                assertThat(e.attachments()).isEmpty();
            });
            assertThat(ticket.outbox()).hasSizeLessThan(outboxBefore).noneMatch(e -> e.kind() == TicketEvent.Kind.NOTIFICATION)
                    .allSatisfy(e -> assertThat(e.text()).isNull());
            assertThat(ticket.level()).isEqualTo(1);
            assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS);
            assertThat(ticket.receivedAt()).isEqualTo(NOW);
            // a second erasure is a no-op
            assertThat(ticket.erasePerson("cus_1")).isFalse();
        }

        @Test
        void shouldDropOnlyTheirMessagesFromATicketTheyWroteInto() {
            // given: cus_1's ticket holding a message of cus_2 (a merge)
            Ticket.Snapshot s = qualified(1).snapshot();
            List<TimelineEntry> timeline = new java.util.ArrayList<>(s.timeline());
            timeline.add(new TimelineEntry(NOW, TimelineEntry.PERSON_MESSAGE, true, "Mon mari a le même souci", "web-9", "Paul", "WEB",
                    "NUMI-9999-9999", "cus_2", List.of()));
            Ticket ticket = Ticket.restore(new Ticket.Snapshot(s.id(), s.customerId(), s.channel(), s.trackingTokenHashes(), s.status(),
                    s.level(), s.urgency(), s.category(), s.cyber(), s.triage(), s.receivedAt(), s.queuedAt(), s.updatedAt(), s.version(),
                    s.assignee(), s.agentsInvolved(), s.escalations(), s.reopenings(), s.waitedForPerson(), s.firstResponseAt(), s.resolvedAt(),
                    s.firstResponse(), s.cyberUrgency(), s.name(), s.contacts(), s.possibleDuplicates(), s.linkedTicketId(), s.mergedInto(),
                    s.trackingRequestId(), s.trackingLinkSent(), s.resolutionCheckPending(), s.cyberSuspected(), s.needsReview(), timeline,
                    s.processedEventIds(), s.outbox()));

            // when
            assertThat(ticket.erasePerson("cus_2")).isTrue();

            // then: their message has no words nor author; the ticket and cus_1's words stay
            assertThat(ticket.timeline()).filteredOn(e -> "web-9".equals(e.id())).singleElement()
                    .satisfies(e -> assertThat(e.text()).isNull()).satisfies(e -> assertThat(e.author()).isNull());
            assertThat(ticket.timeline()).extracting(TimelineEntry::text).contains("Mon imprimante ne veut plus imprimer.");
            assertThat(ticket.customerId()).isEqualTo("cus_1");
            assertThat(ticket.name()).isEqualTo("Jeanne");
            assertThat(ticket.erasePerson("cus_2")).isFalse();
        }
    }
}
