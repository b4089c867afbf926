package fr.numi.ticket.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.ticket.ticket.application.RecordTicketEvents;
import fr.numi.ticket.ticket.application.TicketUpdates;
import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.RequestFacts;
import fr.numi.ticket.ticket.domain.TriageDecision;
import fr.numi.ticket.ticket.domain.Urgency;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consumer functions fed with the contracts' own examples, as the binder hands records over: what they hand to
 * the use case (under the event's key, ce_source + ce_id) and what they refuse with a reason naming the field.
 */
class TicketConsumersTest {

    /** The CloudEvents source and type each topic's writer puts on its records. */
    static final Map<String, String[]> WRITERS = Map.of(
            "intake.request-received.v1", new String[] {"/numi/intake-service", "fr.numi.intake.request-received.v1"},
            "triage.request-triaged.v1", new String[] {"/numi/triage-service", "fr.numi.triage.request-triaged.v1"},
            "urgency.cyber-urgency-declared.v1", new String[] {"/numi/urgency-service", "fr.numi.urgency.cyber-urgency-declared.v1"},
            "intake.delivery-status.v1", new String[] {"/numi/intake-service", "fr.numi.intake.delivery-status.v1"},
            "intake.contact-verified.v1", new String[] {"/numi/intake-service", "fr.numi.intake.contact-verified.v1"},
            "intake.feedback-received.v1", new String[] {"/numi/intake-service", "fr.numi.intake.feedback-received.v1"},
            "ticket.lifecycle.v1", new String[] {"/numi/ticket-service", "fr.numi.ticket.ticket-qualified.v1"});

    final JsonMapper json = JsonMapper.builder().build();
    final TicketConsumers consumers =
            new TicketConsumers(new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator()));
    final RecordTicketEvents useCase = mock(RecordTicketEvents.class);

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    /** A record of the topic as its writer puts it (ce_id {@code evt-1}), as the binder hands it over. */
    Message<byte[]> message(String topic, ObjectNode body) {
        String[] writer = WRITERS.get(topic);
        return Records.message(json.writeValueAsBytes(body), Records.cloudEvent("evt-1", writer[0], writer[1], "NUMI-7K3Q-9XMD"));
    }

    static void assertRefused(Consumer<Message<byte[]>> consumer, Message<byte[]> message, String reason) {
        assertThatThrownBy(() -> consumer.accept(message))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage(reason)
                .hasMessageNotContaining("Jeanne")
                .hasMessageNotContaining("imprimante");
    }

    @Nested
    class Requests {

        static final String TOPIC = "intake.request-received.v1";

        final Consumer<Message<byte[]>> consumer = consumers.requestReceived(useCase);

        @Test
        void shouldHandTheRequestToTheTicketUnderItsEventKey() {
            // when
            consumer.accept(message(TOPIC, example(TOPIC)));

            // then
            ArgumentCaptor<RequestFacts> facts = ArgumentCaptor.forClass(RequestFacts.class);
            verify(useCase).requestReceived(eq("/numi/intake-service evt-1"), eq("NUMI-7K3Q-9XMD"), facts.capture(), eq(null));
            assertThat(facts.getValue().requestId()).isEqualTo("web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11");
            assertThat(facts.getValue().name()).isEqualTo("Jeanne Martin");
            assertThat(facts.getValue().contact().kind()).isEqualTo("EMAIL");
            assertThat(facts.getValue().contact().proven()).isFalse();
            assertThat(facts.getValue().contact().reachableBy()).containsExactly("EMAIL", "TRACKING_PAGE");
        }

        @Test
        void shouldKeepTheReplyTheAgentWhoAnsweredAndTheAttachmentsIds() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("inReplyTo", "NUMI-AAAA-BBBB").put("answeredBy", "alice");
            event.putArray("attachments").addObject().put("attachmentId", "att_0123456789abcdef0123456789abcdef").put("type", "image")
                    .put("mimeType", "image/jpeg");

            // when
            consumer.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<RequestFacts> facts = ArgumentCaptor.forClass(RequestFacts.class);
            verify(useCase).requestReceived(anyString(), anyString(), facts.capture(), eq("NUMI-AAAA-BBBB"));
            assertThat(facts.getValue().answeredBy()).isEqualTo("alice");
            assertThat(facts.getValue().attachments()).singleElement()
                    .satisfies(a -> assertThat(a.attachmentId()).isEqualTo("att_0123456789abcdef0123456789abcdef"));
        }

        @Test
        void shouldRefuseNamingTheFieldsWhenRequiredOnesAreMissing() {
            ObjectNode event = example(TOPIC);
            event.remove("ticketId");
            event.remove("receivedAt");

            assertRefused(consumer, message(TOPIC, event), "intake.request-received.v1 record without ticketId, receivedAt");
            verifyNoInteractions(useCase);
        }

        @Test
        void shouldRefuseARecordThatIsNotJson() {
            Message<byte[]> message = Records.message("{not json".getBytes(StandardCharsets.UTF_8),
                    Records.cloudEvent("evt-1", "/numi/intake-service", "fr.numi.intake.request-received.v1", null));

            assertThatThrownBy(() -> consumer.accept(message))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("unreadable intake.request-received.v1 record");
        }
    }

    @Nested
    class Decisions {

        static final String TOPIC = "triage.request-triaged.v1";

        final Consumer<Message<byte[]>> consumer = consumers.requestTriaged(useCase);

        @Test
        void shouldHandTheDecisionWithItsTierAndReviewFlag() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("cyberTier", "SUSPECTED").put("needsReview", true).put("level", 3);

            // when
            consumer.accept(message(TOPIC, event));

            // then
            ArgumentCaptor<TriageDecision> decision = ArgumentCaptor.forClass(TriageDecision.class);
            verify(useCase).requestTriaged(eq("/numi/triage-service evt-1"), eq("NUMI-7K3Q-9XMD"), decision.capture());
            assertThat(decision.getValue().level()).isEqualTo(3);
            assertThat(decision.getValue().urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(decision.getValue().suspected()).isTrue();
            assertThat(decision.getValue().needsReview()).isTrue();
            assertThat(decision.getValue().reasons()).isNotEmpty();
        }

        @Test
        void shouldRefuseAnUnknownUrgencyALevelOutOfRangeOrNoCategory() {
            ObjectNode urgency = example(TOPIC);
            urgency.put("urgency", "PANIC");
            assertRefused(consumer, message(TOPIC, urgency), "triage.request-triaged.v1 record with an invalid urgency");

            ObjectNode level = example(TOPIC);
            level.put("level", 7);
            level.remove("category");
            assertRefused(consumer, message(TOPIC, level), "triage.request-triaged.v1 record without category; with an invalid level");
            verifyNoInteractions(useCase);
        }
    }

    @Nested
    class Urgencies {

        static final String TOPIC = "urgency.cyber-urgency-declared.v1";

        final Consumer<Message<byte[]>> consumer = consumers.cyberUrgencyDeclared(useCase);

        @Test
        void shouldTakeARedButtonFromWhatsAppOrAPhoneAsProvenAndOneFromTheWebAsNot() {
            // given
            ObjectNode whatsApp = example(TOPIC).put("channel", "WHATSAPP");
            ObjectNode phone = example(TOPIC).put("channel", "PHONE");
            ObjectNode web = example(TOPIC).put("channel", "WEB");

            // when
            consumer.accept(message(TOPIC, whatsApp));
            consumer.accept(message(TOPIC, phone));
            consumer.accept(message(TOPIC, web));

            // then
            ArgumentCaptor<Boolean> proven = ArgumentCaptor.forClass(Boolean.class);
            verify(useCase, org.mockito.Mockito.times(3)).cyberUrgencyDeclared(eq("/numi/urgency-service evt-1"), eq("NUMI-7K3Q-9XMD"),
                    any(CyberUrgency.class), proven.capture());
            assertThat(proven.getAllValues()).containsExactly(true, true, false);
        }

        @Test
        void shouldHandTheInstructionsAndOrientationWithTheirDelivery() {
            // when
            consumer.accept(message(TOPIC, example(TOPIC)));

            // then
            ArgumentCaptor<CyberUrgency> urgency = ArgumentCaptor.forClass(CyberUrgency.class);
            verify(useCase).cyberUrgencyDeclared(anyString(), anyString(), urgency.capture(), anyBoolean());
            assertThat(urgency.getValue().incidentType()).isEqualTo("REMOTE_ACCESS_SCAM");
            assertThat(urgency.getValue().revision()).isEqualTo(1);
            assertThat(urgency.getValue().instructions()).isNotEmpty();
            assertThat(urgency.getValue().orientation()).isNotEmpty();
        }

        @Test
        void shouldRefuseADeclarationWithoutItsIncidentType() {
            ObjectNode event = example(TOPIC);
            event.remove("incidentType");

            assertRefused(consumer, message(TOPIC, event), "urgency.cyber-urgency-declared.v1 record without incidentType");
        }
    }

    @Nested
    class PersonsSide {

        @Test
        void shouldApplyOnlyFailedDeliveries() {
            // given
            Consumer<Message<byte[]>> consumer = consumers.deliveryStatus(useCase);
            ObjectNode sent = example("intake.delivery-status.v1");
            ObjectNode failed = example("intake.delivery-status.v1").put("outcome", "FAILED").put("reason", "whatsapp-api answered 400");

            // when
            consumer.accept(message("intake.delivery-status.v1", sent));
            consumer.accept(message("intake.delivery-status.v1", failed));

            // then
            verify(useCase).deliveryFailed("/numi/intake-service evt-1", "NUMI-7K3Q-9XMD", "TICKET_CLAIMED", "whatsapp-api answered 400");
        }

        @Test
        void shouldTakeAVerifiedContactAsProvenAndRefuseOneWithoutItsValue() {
            // given
            Consumer<Message<byte[]>> consumer = consumers.contactVerified(useCase);

            // when
            consumer.accept(message("intake.contact-verified.v1", example("intake.contact-verified.v1")));

            // then
            ArgumentCaptor<ContactPoint> contact = ArgumentCaptor.forClass(ContactPoint.class);
            verify(useCase).contactVerified(eq("/numi/intake-service evt-1"), eq("NUMI-7K3Q-9XMD"), eq("cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b"),
                    contact.capture());
            assertThat(contact.getValue().proven()).isTrue();

            ObjectNode noValue = example("intake.contact-verified.v1");
            ((ObjectNode) noValue.get("contact")).remove("value");
            assertRefused(consumer, message("intake.contact-verified.v1", noValue), "intake.contact-verified.v1 record without contact.value");
        }

        @Test
        void shouldShowTheRatingAndRefuseOneOutOfOneToFive() {
            // given
            Consumer<Message<byte[]>> consumer = consumers.feedbackReceived(useCase);

            // when
            consumer.accept(message("intake.feedback-received.v1", example("intake.feedback-received.v1")));

            // then
            verify(useCase).rated(eq("/numi/intake-service evt-1"), eq("NUMI-7K3Q-9XMD"), eq(5), eq("Très patient, merci !"), eq("WEB"),
                    any());

            ObjectNode six = example("intake.feedback-received.v1").put("rating", 6);
            assertRefused(consumer, message("intake.feedback-received.v1", six), "intake.feedback-received.v1 record with an invalid rating");
        }
    }

    @Nested
    class LiveStreams {

        final TicketUpdates updates = mock(TicketUpdates.class);
        final Consumer<Message<byte[]>> consumer = consumers.trackingUpdates(updates);

        @Test
        void shouldSignalTheTicketOnAnyTypeOfTheLifecycleFamily() {
            // given: a type ticket-service may add within v1
            Message<byte[]> added = Records.message(Contracts.example("ticket.lifecycle.v1"),
                    Records.cloudEvent("evt-2", "/numi/ticket-service", "fr.numi.ticket.ticket-something-new.v1", "NUMI-7K3Q-9XMD"));

            // when
            consumer.accept(message("ticket.lifecycle.v1", example("ticket.lifecycle.v1")));
            consumer.accept(added);

            // then
            verify(updates, org.mockito.Mockito.times(2)).changed("NUMI-7K3Q-9XMD");
        }

        @Test
        void shouldRefuseATypeOutsideTheFamily() {
            Message<byte[]> queued = Records.message(Contracts.example("ticket.lifecycle.v1"),
                    Records.cloudEvent("evt-3", "/numi/ticket-service", "fr.numi.ticket.ticket-queued-elsewhere", "NUMI-7K3Q-9XMD"));

            assertThatThrownBy(() -> consumer.accept(queued)).isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("ticket.lifecycle.v1 record with an unexpected ce_type");
            verifyNoInteractions(updates);
        }
    }
}
