package fr.numi.urgency.emergency.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.AgentConfirmation;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.CyberDecision;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.ReceivedRequest;
import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import fr.numi.urgency.emergency.application.DeliveryOutcomes.StatusReported;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.DeliveryOutcome;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer functions fed with the contracts' own examples: what they hand to the protocol, and what they refuse. */
class EmergencyHandlersTest {

    final JsonMapper json = JsonMapper.builder().build();
    final EventReader events = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator());
    final CyberUrgencyProtocol protocol = mock(CyberUrgencyProtocol.class);
    final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);

    /** The CloudEvents headers each topic's writer puts on its records. */
    static final Map<String, String[]> WRITERS = Map.of(
            "intake.request-received.v1", new String[] {"/numi/intake-service", "fr.numi.intake.request-received.v1"},
            "intake.red-button-pressed.v1", new String[] {"/numi/intake-service", "fr.numi.intake.red-button-pressed.v1"},
            "triage.request-triaged.v1", new String[] {"/numi/triage-service", "fr.numi.triage.request-triaged.v1"},
            "intake.delivery-status.v1", new String[] {"/numi/intake-service", "fr.numi.intake.delivery-status.v1"},
            "ticket.triage-corrected.v1", new String[] {"/numi/ticket-service", "fr.numi.ticket.triage-corrected.v1"});

    /** A record of the topic as its writer puts it, as the binder hands it over. */
    static Message<byte[]> message(String topic, byte[] body) {
        String[] writer = WRITERS.get(topic);
        return Records.message(body, Records.cloudEvent("evt-1", writer[0], writer[1], "NUMI-7K3Q-9XMD"));
    }

    Message<byte[]> message(String topic, ObjectNode body) {
        return message(topic, json.writeValueAsBytes(body));
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    @Nested
    class Requests {

        static final String TOPIC = "intake.request-received.v1";

        final RequestReceivedHandler handler = new RequestReceivedHandler(events, protocol);

        @Test
        void shouldHandTheRequestWithItsWordsAndChannelToTheProtocolWhenTheRedButtonIsPressed() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);
            event.put("channel", "WHATSAPP");

            // when
            handler.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<ReceivedRequest> request = ArgumentCaptor.forClass(ReceivedRequest.class);
            verify(protocol).requestReceived(request.capture());
            assertThat(request.getValue().redButton()).isTrue();
            assertThat(request.getValue().channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(request.getValue().ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(request.getValue().text()).startsWith("Imprimante\n").contains("le voyant clignote");
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            // given
            Message<byte[]> message = message(TOPIC, "not json".getBytes(StandardCharsets.UTF_8));

            // when / then
            assertThatThrownBy(() -> handler.accept(message))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("unreadable intake.request-received.v1 record");
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheChannelIsUnknown() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("channel", "PIGEON");

            // when / then
            assertThatThrownBy(() -> handler.accept(message(TOPIC, event)))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessage("intake.request-received.v1 record with an invalid channel")
                    .hasMessageNotContaining("imprimante");
        }

        @Test
        void shouldReadTheRedButtonsOwnLaneByItsOwnTypeOnly() {
            // given
            RedButtonPressedHandler redButton = new RedButtonPressedHandler(handler);
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);

            // when
            redButton.accept(message("intake.red-button-pressed.v1", json.writeValueAsBytes(event)));

            // then
            verify(protocol).requestReceived(any());
            assertThatThrownBy(() -> redButton.accept(message(TOPIC, event)))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("intake.red-button-pressed.v1 record with an unexpected ce_type");
        }

        @Test
        void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotARequest() {
            assertThatThrownBy(() -> handler.accept(message(TOPIC, "{}".getBytes(StandardCharsets.UTF_8))))
                    .hasMessageContaining("requestId, ticketId, customerId, channel, redButton");
            verify(protocol, never()).requestReceived(any());
        }
    }

    @Nested
    class Decisions {

        static final String TOPIC = "triage.request-triaged.v1";

        final RequestTriagedHandler handler = new RequestTriagedHandler(events, protocol);

        @Test
        void shouldLeaveTheProtocolAloneWhenTheDecisionIsNotCyber() {
            // when
            handler.accept(message(TOPIC, Contracts.example(TOPIC)));

            // then
            verify(protocol, never()).cyberDecisionTaken(any());
        }

        @Test
        void shouldHandTheCategoryToTheProtocolWhenTriageFlaggedACyberEmergency() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("cyber", true);
            event.put("cyberTier", "EMERGENCY");
            event.put("level", 3);
            event.put("category", "ransomware");
            event.put("urgency", "CRITICAL");

            // when
            handler.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<CyberDecision> decision = ArgumentCaptor.forClass(CyberDecision.class);
            verify(protocol).cyberDecisionTaken(decision.capture());
            assertThat(decision.getValue().category()).isEqualTo("ransomware");
            assertThat(decision.getValue().customerId()).isEqualTo("cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b");
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            assertThatThrownBy(() -> handler.accept(message(TOPIC, "[1,".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("unreadable triage.request-triaged.v1 record");
        }
    }

    @Nested
    class Corrections {

        static final String TOPIC = "ticket.triage-corrected.v1";

        final TriageCorrectedHandler handler = new TriageCorrectedHandler(events, protocol);

        ObjectNode correction(String before, String after) {
            ObjectNode event = example(TOPIC);
            ((ObjectNode) event.get("before")).put("cyberTier", before);
            ((ObjectNode) event.get("after")).put("cyberTier", after);
            return event;
        }

        @Test
        void shouldHandTheAgentAndTheNewCategoryToTheProtocolWhenLevel3RaisesATicketToAnEmergency() {
            // when: the contract's example, a ticket raised from NONE to EMERGENCY as a scam
            handler.accept(message(TOPIC, Contracts.example(TOPIC)));

            // then
            ArgumentCaptor<AgentConfirmation> confirmation = ArgumentCaptor.forClass(AgentConfirmation.class);
            verify(protocol).confirmedByAgent(confirmation.capture());
            assertThat(confirmation.getValue().agentId()).isEqualTo("alice");
            assertThat(confirmation.getValue().category()).isEqualTo("scam");
            assertThat(confirmation.getValue().ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(confirmation.getValue().correctionId()).isEqualTo("corr-0b7e4c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c");
        }

        @Test
        void shouldKeepTheCategoryTriageGaveWhenTheAgentLeftItUnchanged() {
            // given
            ObjectNode event = correction("SUSPECTED", "EMERGENCY");
            ((ObjectNode) event.get("before")).put("category", "account-takeover");
            ((ObjectNode) event.get("after")).putNull("category");

            // when
            handler.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<AgentConfirmation> confirmation = ArgumentCaptor.forClass(AgentConfirmation.class);
            verify(protocol).confirmedByAgent(confirmation.capture());
            assertThat(confirmation.getValue().category()).isEqualTo("account-takeover");
        }

        @Test
        void shouldLeaveTheProtocolAloneWhenTheCorrectionDoesNotRaiseTheTicketToAnEmergency() {
            // when: a downgrade, a suspicion kept as is, an emergency whose level only changed
            handler.accept(message(TOPIC, correction("SUSPECTED", "NONE")));
            handler.accept(message(TOPIC, correction("NONE", "SUSPECTED")));
            handler.accept(message(TOPIC, correction("EMERGENCY", "EMERGENCY")));

            // then
            verify(protocol, never()).confirmedByAgent(any());
        }

        @Test
        void shouldThrowNamingTheFieldSoTheBinderDeadLettersWhenTheTierIsUnknown() {
            assertThatThrownBy(() -> handler.accept(message(TOPIC, correction("NONE", "PANIC"))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageContaining("after");
            verify(protocol, never()).confirmedByAgent(any());
        }
    }

    @Nested
    class Statuses {

        static final String TOPIC = "intake.delivery-status.v1";

        final DeliveryStatusHandler handler = new DeliveryStatusHandler(events, outcomes);

        @Test
        void shouldLeaveTheDeliveriesAloneWhenTheStatusIsNotAboutACyberMessage() {
            // when: the contract's example is a TICKET_CLAIMED reply
            handler.accept(message(TOPIC, Contracts.example(TOPIC)));

            // then
            verify(outcomes, never()).statusReported(any());
        }

        @Test
        void shouldHandTheOutcomeAndReasonToTheDeliveriesWhenTheInstructionsFailed() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("kind", "CYBER_INSTRUCTIONS");
            event.put("notificationId", "NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1");
            event.put("statusId", "NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1:FAILED");
            event.put("outcome", "FAILED");
            event.put("reason", "WhatsApp error 131026");

            // when
            handler.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<StatusReported> status = ArgumentCaptor.forClass(StatusReported.class);
            verify(outcomes).statusReported(status.capture());
            assertThat(status.getValue().kind()).isEqualTo(Kind.CYBER_INSTRUCTIONS);
            assertThat(status.getValue().ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(status.getValue().notificationId()).isEqualTo("NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1");
            assertThat(status.getValue().status().statusId()).as("the status's event key: ce_source + ce_id")
                    .isEqualTo("/numi/intake-service evt-1");
            assertThat(status.getValue().status().outcome()).isEqualTo(DeliveryOutcome.FAILED);
            assertThat(status.getValue().status().reason()).isEqualTo("WhatsApp error 131026");
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheOutcomeIsUnknown() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("kind", "CYBER_ORIENTATION");
            event.put("outcome", "LOST");

            // when / then
            assertThatThrownBy(() -> handler.accept(message(TOPIC, event)))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessage("intake.delivery-status.v1 record with an invalid outcome");
            verify(outcomes, never()).statusReported(any());
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordHasNoKind() {
            assertThatThrownBy(() -> handler.accept(message(TOPIC, "{}".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessage("intake.delivery-status.v1 record without statusId, notificationId, ticketId, kind, outcome");
        }
    }
}
