package fr.numi.urgency.emergency.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import fr.numi.contracts.Contracts;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.CyberDecision;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.ReceivedRequest;
import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import fr.numi.urgency.emergency.application.DeliveryOutcomes.StatusReported;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.DeliveryOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer functions fed with the contracts' own examples: what they hand to the protocol, and what they refuse. */
class EmergencyHandlersTest {

    final JsonMapper json = JsonMapper.builder().build();
    final CyberUrgencyProtocol protocol = mock(CyberUrgencyProtocol.class);
    final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);

    Message<byte[]> message(ObjectNode body) {
        return MessageBuilder.withPayload(json.writeValueAsBytes(body)).build();
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    @Nested
    class Requests {

        static final String TOPIC = "intake.request-received.v1";

        final RequestReceivedHandler handler = new RequestReceivedHandler(json, protocol);

        @Test
        void shouldHandTheRequestWithItsWordsAndChannelToTheProtocolWhenTheRedButtonIsPressed() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);
            event.put("channel", "WHATSAPP");

            // when
            handler.accept(message(event));

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
            Message<byte[]> message = MessageBuilder.withPayload("not json".getBytes(StandardCharsets.UTF_8)).build();

            // when / then
            assertThatThrownBy(() -> handler.accept(message))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageStartingWith("unreadable intake.request-received.v1 record");
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheChannelIsUnknown() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("channel", "PIGEON");

            // when / then
            assertThatThrownBy(() -> handler.accept(message(event)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("unknown channel 'PIGEON'")
                    .hasMessageNotContaining("imprimante");
        }

        @Test
        void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotARequest() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build()))
                    .hasMessageContaining("requestId, ticketId, customerId, channel, redButton");
            verify(protocol, never()).requestReceived(any());
        }
    }

    @Nested
    class Decisions {

        static final String TOPIC = "triage.request-triaged.v1";

        final RequestTriagedHandler handler = new RequestTriagedHandler(json, protocol);

        @Test
        void shouldLeaveTheProtocolAloneWhenTheDecisionIsNotCyber() {
            // when
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

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
            handler.accept(message(event));

            // then
            ArgumentCaptor<CyberDecision> decision = ArgumentCaptor.forClass(CyberDecision.class);
            verify(protocol).cyberDecisionTaken(decision.capture());
            assertThat(decision.getValue().category()).isEqualTo("ransomware");
            assertThat(decision.getValue().customerId()).isEqualTo("cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b");
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("[1,".getBytes(StandardCharsets.UTF_8)).build()))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageStartingWith("unreadable triage.request-triaged.v1 record");
        }
    }

    @Nested
    class Statuses {

        static final String TOPIC = "intake.delivery-status.v1";

        final DeliveryStatusHandler handler = new DeliveryStatusHandler(json, outcomes);

        @Test
        void shouldLeaveTheDeliveriesAloneWhenTheStatusIsNotAboutACyberMessage() {
            // when: the contract's example is a TICKET_CLAIMED reply
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

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
            handler.accept(message(event));

            // then
            ArgumentCaptor<StatusReported> status = ArgumentCaptor.forClass(StatusReported.class);
            verify(outcomes).statusReported(status.capture());
            assertThat(status.getValue().kind()).isEqualTo(Kind.CYBER_INSTRUCTIONS);
            assertThat(status.getValue().ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(status.getValue().notificationId()).isEqualTo("NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1");
            assertThat(status.getValue().status().statusId()).isEqualTo("NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1:FAILED");
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
            assertThatThrownBy(() -> handler.accept(message(event)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("unknown outcome 'LOST'");
            verify(outcomes, never()).statusReported(any());
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordHasNoKind() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build()))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("intake.delivery-status.v1 record without kind");
        }
    }
}
