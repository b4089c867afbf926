package fr.numi.urgency.emergency.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.AgentConfirmation;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.CyberDecision;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.ReceivedRequest;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.Result;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.content.PlaybookFiles;
import fr.numi.urgency.emergency.domain.Agent;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.StepStatus;
import fr.numi.urgency.emergency.domain.Trigger;
import fr.numi.urgency.emergency.domain.Urgency;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The use case alone, on plain-Java ports: what is recorded, published and paged, and what is not. */
class CyberUrgencyProtocolTest {

    static final PlaybookFiles.Content CONTENT = Fakes.shippedContent();
    static final String TICKET = "NUMI-7K3Q-9XMD";
    static final String CUSTOMER = "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b";

    final Fakes.Store store = new Fakes.Store();
    final Fakes.Events events = new Fakes.Events();
    final Fakes.Pages pages = new Fakes.Pages();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CyberUrgencyProtocol protocol = new CyberUrgencyProtocol(store, events, pages, CONTENT.playbook(), CONTENT.classifier(),
            new ProtocolSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(2)), Clock.systemUTC(), meters);

    ReceivedRequest redButton(String requestId, String text) {
        return new ReceivedRequest(requestId, TICKET, CUSTOMER, Channel.WHATSAPP, text, true, Instant.now());
    }

    @Test
    void shouldRecordTheFailureAndSayItInTheEventAndThePageWhenTheInstructionsCannotBeHandedOver() {
        // given
        events.failingKind = Kind.CYBER_INSTRUCTIONS;

        // when
        protocol.requestReceived(redButton("r1", "ma carte bancaire, paiement non autorisé"));

        // then: the urgency still goes out, and everybody can see the person has no instructions
        Urgency stored = store.find(TICKET).orElseThrow();
        assertThat(stored.status()).isEqualTo(UrgencyStatus.DECLARED);
        assertThat(stored.instructions().status()).isEqualTo(StepStatus.FAILED);
        assertThat(stored.instructions().error()).isEqualTo("TimeoutException");
        assertThat(stored.orientation().status()).isEqualTo(StepStatus.DONE);
        assertThat(events.declarations).singleElement()
                .satisfies(d -> assertThat(d.urgency().instructions().status()).isEqualTo(StepStatus.FAILED));
        assertThat(pages.paged).singleElement()
                .satisfies(u -> assertThat(u.instructions().status()).isEqualTo(StepStatus.FAILED));
        assertThat(meters.get("numi.cyber.delivery.failures").tag("kind", "CYBER_INSTRUCTIONS").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepTheUrgencyAndLetARetryResumeWithoutResendingWhenTheDeclaredEventFails() {
        // given
        events.failDeclarations = true;

        // when
        assertThatThrownBy(() -> protocol.requestReceived(redButton("r1", "rançon")))
                .isInstanceOf(PublicationFailedException.class);

        // then
        Urgency stored = store.find(TICKET).orElseThrow();
        assertThat(stored.status()).isEqualTo(UrgencyStatus.DECLARING);
        assertThat(stored.declaration().status()).isEqualTo(StepStatus.FAILED);
        assertThat(stored.instructions().status()).isEqualTo(StepStatus.DONE);
        assertThat(events.notifications).hasSize(2);

        // when the binder retries the same record
        events.failDeclarations = false;
        var outcome = protocol.requestReceived(redButton("r1", "rançon")).orElseThrow();

        // then: resumed, messages not sent twice, the page goes out once
        assertThat(outcome.result()).isEqualTo(Result.REDELIVERED);
        assertThat(outcome.urgency().status()).isEqualTo(UrgencyStatus.DECLARED);
        assertThat(events.notifications).hasSize(2);
        assertThat(events.declarations).hasSize(1);
        assertThat(pages.paged).hasSize(1);
    }

    @Test
    void shouldPageOnceWhenTwoInstancesSweepAPageLeftPendingByAnInstanceThatDied() {
        // given: a declared urgency whose page an instance took and never recorded (it died), three minutes ago
        protocol.requestReceived(redButton("r1", "rançon"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> store.find(TICKET).orElseThrow().page().status() == fr.numi.urgency.emergency.domain.PageStatus.SENT);
        store.savePage(TICKET, fr.numi.urgency.emergency.domain.Page.PENDING);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));
        ProtocolSettings settings = new ProtocolSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(2));
        CyberUrgencyProtocol one = new CyberUrgencyProtocol(store, events, pages, CONTENT.playbook(), CONTENT.classifier(), settings, later, meters);
        CyberUrgencyProtocol other = new CyberUrgencyProtocol(store, events, pages, CONTENT.playbook(), CONTENT.classifier(), settings, later, meters);

        // when: two instances sweep
        one.sweep();
        other.sweep();

        // then: level 3 is paged again once, not twice
        assertThat(pages.paged).hasSize(2);
    }

    @Test
    void shouldDoNothingMoreWhenTheSameRedButtonIsRedelivered() {
        // given
        protocol.requestReceived(redButton("r1", "rançon"));

        // when
        var outcome = protocol.requestReceived(redButton("r1", "rançon")).orElseThrow();

        // then
        assertThat(outcome.result()).isEqualTo(Result.REDELIVERED);
        assertThat(events.notifications).hasSize(2);
        assertThat(events.declarations).hasSize(1);
        assertThat(meters.get("numi.red_button.requests").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("numi.cyber.urgencies").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldRecordThePageFailedAndCountItWhenThePagerGivesUp() {
        // given
        pages.outcome = new Pager.Outcome(false, 3, "InternalServerError: 500");

        // when
        protocol.requestReceived(redButton("r1", "rançon"));

        // then
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(store.find(TICKET).orElseThrow().page().status()).isEqualTo(PageStatus.FAILED);
            assertThat(meters.get("numi.cyber.page.failures").counter().count()).isEqualTo(1.0);
        });
        assertThat(store.find(TICKET).orElseThrow().page().attempts()).isEqualTo(3);
    }

    @Test
    void shouldWaitForTheRequestWhenTriageComesFirstThenUseTheTextsHint() {
        // given: triage's generic category says nothing precise
        protocol.cyberDecisionTaken(new CyberDecision("r1", TICKET, CUSTOMER, "cyber-emergency", "CRITICAL", Instant.now()));
        assertThat(store.find(TICKET).orElseThrow().status()).isEqualTo(UrgencyStatus.AWAITING_REQUEST);
        assertThat(events.notifications).isEmpty();

        // when
        protocol.requestReceived(new ReceivedRequest("r1", TICKET, CUSTOMER, Channel.PHONE, "on me fait du chantage avec ma webcam", false,
                Instant.now()));

        // then
        Urgency declared = store.find(TICKET).orElseThrow();
        assertThat(declared.status()).isEqualTo(UrgencyStatus.DECLARED);
        assertThat(declared.incidentType()).isEqualTo(IncidentType.BLACKMAIL);
        assertThat(events.notifications).allSatisfy(n -> assertThat(n.channel()).isEqualTo(Channel.PHONE));
    }

    @Test
    void shouldStartTheProtocolNamingTheAgentWhenLevel3ConfirmsASuspectedEmergency() {
        // given: the request was seen, triage only suspected it (no cyber decision, nothing sent)
        protocol.requestReceived(new ReceivedRequest("r1", TICKET, CUSTOMER, Channel.PHONE, "un conseiller de ma banque m'a demandé un code",
                false, Instant.now()));
        assertThat(store.urgencies).isEmpty();

        // when
        var outcome = protocol.confirmedByAgent(new AgentConfirmation("corr-1", TICKET, CUSTOMER, "maitre-1", "fake-advisor", Instant.now()));

        // then: declared by the agent, the person gets instructions and orientation on the channel they used
        assertThat(outcome.result()).isEqualTo(Result.NEW);
        Urgency declared = store.find(TICKET).orElseThrow();
        assertThat(declared.status()).isEqualTo(UrgencyStatus.DECLARED);
        assertThat(declared.trigger()).isEqualTo(Trigger.AGENT);
        assertThat(declared.declaredBy()).isEqualTo("maitre-1");
        assertThat(events.notifications).hasSize(2).allSatisfy(n -> assertThat(n.channel()).isEqualTo(Channel.PHONE));
        assertThat(pages.paged).hasSize(1);
        assertThat(meters.get("numi.cyber.confirmations").tag("result", "NEW").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldLeaveTheUrgencyAsItIsWhenAnAgentConfirmsOneAlreadyDeclaredOrTheCorrectionIsRedelivered() {
        // given
        protocol.requestReceived(redButton("r1", "rançon"));
        AgentConfirmation confirmation = new AgentConfirmation("corr-1", TICKET, CUSTOMER, "maitre-1", null, Instant.now());

        // when
        var first = protocol.confirmedByAgent(confirmation);
        var again = protocol.confirmedByAgent(confirmation);

        // then: one urgency, one set of messages, the red button still its trigger
        assertThat(first.result()).isEqualTo(Result.EXISTING);
        assertThat(again.result()).isEqualTo(Result.EXISTING);
        assertThat(store.find(TICKET).orElseThrow().trigger()).isEqualTo(Trigger.RED_BUTTON);
        assertThat(events.notifications).hasSize(2);
        assertThat(events.declarations).hasSize(1);
    }

    @Test
    void shouldRefuseAnAgentDeclarationForATicketNeverSeen() {
        assertThatThrownBy(() -> protocol.declaredByAgent(new Agent("a1", 1, false), TICKET, null))
                .isInstanceOf(UnknownTicketException.class);
        assertThat(store.urgencies).isEmpty();
    }

    @Test
    void shouldRefuseARevisionFromBelowLevel3() {
        // given
        protocol.requestReceived(redButton("r1", "rançon"));

        // when / then
        assertThatThrownBy(() -> protocol.revise(new Agent("a2", 2, false), TICKET, IncidentType.OTHER))
                .isInstanceOf(NotAllowedException.class);
        assertThat(store.find(TICKET).orElseThrow().revision()).isEqualTo(1);
    }
}
