package fr.numi.intake.delivery.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The delivery consumers fed with the contracts' own examples, as the binder hands records over: what they ask
 * delivery to send, and what they refuse with a reason naming the field (never its value).
 */
class NotificationConsumersTest {

    static final String TICKET_TOPIC = "ticket.notification-requested.v1";
    static final String URGENCY_TOPIC = "urgency.notification-requested.v1";
    static final String SURVEY_TOPIC = "feedback.survey-requested.v1";

    final JsonMapper json = JsonMapper.builder().build();
    final NotificationConsumers consumers =
            new NotificationConsumers(new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator()));
    final DeliverNotification deliver = mock(DeliverNotification.class);

    NotificationConsumersTest() {
        when(deliver.deliver(any())).thenReturn(Mono.just(Outcome.SENT));
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    static Message<byte[]> message(byte[] body, String source, String type) {
        return Records.message(body, Records.cloudEvent("evt-1", source, type, "NUMI-7K3Q-9XMD"));
    }

    Message<byte[]> ticketRecord(ObjectNode body) {
        return message(json.writeValueAsBytes(body), "/numi/ticket-service", "fr.numi.ticket.notification-requested.v1");
    }

    Notification delivered() {
        ArgumentCaptor<Notification> notification = ArgumentCaptor.forClass(Notification.class);
        verify(deliver).deliver(notification.capture());
        return notification.getValue();
    }

    void assertRefused(Consumer<Message<byte[]>> consumer, Message<byte[]> message, String reason) {
        assertThatThrownBy(() -> consumer.accept(message))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage(reason)
                .hasMessageNotContaining("jeanne")
                .hasMessageNotContaining("prise en charge");
        verify(deliver, never()).deliver(any());
    }

    @Nested
    class TicketNotifications {

        final Consumer<Message<byte[]>> consumer = consumers.ticketNotification(deliver);

        @Test
        void shouldAskForTheDeliveryOnTheRouteTicketServiceNamesWithTheTrackingLinksRequest() {
            // when
            consumer.accept(ticketRecord(example(TICKET_TOPIC)));

            // then
            Notification n = delivered();
            assertThat(n.notificationId()).isEqualTo("NUMI-7K3Q-9XMD:notify:TICKET_CLAIMED:claimed:2");
            assertThat(n.ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(n.kind()).isEqualTo("TICKET_CLAIMED");
            assertThat(n.recipient().route()).isEqualTo(Route.EMAIL);
            assertThat(n.recipient().contactValue()).isEqualTo("jeanne.martin@example.org");
            assertThat(n.trackingRequestId()).isEqualTo("web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11");
        }

        @Test
        void shouldLetIntakeChooseTheRouteWhenNoRecipientIsNamed() {
            // given
            ObjectNode event = example(TICKET_TOPIC);
            event.remove("recipient");
            event.remove("trackingRequestId");

            // when
            consumer.accept(ticketRecord(event));

            // then
            assertThat(delivered().recipient()).isNull();
        }

        @Test
        void shouldAcceptTheTrackingPageWithoutAContact() {
            // given
            ObjectNode event = example(TICKET_TOPIC);
            ObjectNode recipient = (ObjectNode) event.get("recipient");
            recipient.put("route", "TRACKING_PAGE");
            recipient.remove("contact");

            // when
            consumer.accept(ticketRecord(event));

            // then
            assertThat(delivered().recipient().route()).isEqualTo(Route.TRACKING_PAGE);
        }

        @Test
        void shouldRefuseNamingTheFieldWhenARequiredOneIsMissing() {
            ObjectNode event = example(TICKET_TOPIC);
            event.remove("ticketId");
            event.remove("text");

            assertRefused(consumer, ticketRecord(event), "ticket.notification-requested.v1 record without ticketId, text");
        }

        @Test
        void shouldRefuseNamingTheFieldWhenAnIdOrTheChannelIsOutOfTheContract() {
            ObjectNode event = example(TICKET_TOPIC);
            event.put("ticketId", "ticket 42");
            event.put("customerId", "jeanne.martin@example.org");
            event.put("channel", "PIGEON");

            assertRefused(consumer, ticketRecord(event),
                    "ticket.notification-requested.v1 record with an invalid ticketId, customerId, channel");
        }

        @Test
        void shouldRefuseATextOverFiveThousandCharacters() {
            ObjectNode event = example(TICKET_TOPIC);
            event.put("text", "x".repeat(5001));

            assertRefused(consumer, ticketRecord(event), "ticket.notification-requested.v1 record with an invalid text");
        }

        @Test
        void shouldRefuseAnUnknownRouteOrAWrittenRouteWithoutAContact() {
            ObjectNode unknownRoute = example(TICKET_TOPIC);
            ((ObjectNode) unknownRoute.get("recipient")).put("route", "PIGEON");
            assertRefused(consumer, ticketRecord(unknownRoute), "ticket.notification-requested.v1 record with an invalid recipient.route");

            ObjectNode noContact = example(TICKET_TOPIC);
            ((ObjectNode) noContact.get("recipient")).remove("contact");
            assertRefused(consumer, ticketRecord(noContact), "ticket.notification-requested.v1 record with an invalid recipient.contact");
        }

        @Test
        void shouldRefuseAContactOutOfTheContract() {
            ObjectNode event = example(TICKET_TOPIC);
            ObjectNode contact = (ObjectNode) event.get("recipient").get("contact");
            contact.put("kind", "PIGEON");
            contact.put("value", " ");

            assertRefused(consumer, ticketRecord(event),
                    "ticket.notification-requested.v1 record without recipient.contact.value; with an invalid recipient.contact.kind");
        }

        @Test
        void shouldRefuseABlankTrackingRequestId() {
            ObjectNode event = example(TICKET_TOPIC);
            event.put("trackingRequestId", "  ");

            assertRefused(consumer, ticketRecord(event), "ticket.notification-requested.v1 record with an invalid trackingRequestId");
        }

        @Test
        void shouldRefuseARecordThatIsNotJson() {
            assertThatThrownBy(() -> consumer.accept(message("{not json".getBytes(StandardCharsets.UTF_8), "/numi/ticket-service",
                            "fr.numi.ticket.notification-requested.v1")))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("unreadable ticket.notification-requested.v1 record");
        }

        @Test
        void shouldRefuseAnotherTypeOnTheTopic() {
            assertRefused(consumer, message(Contracts.example(TICKET_TOPIC), "/numi/ticket-service", "fr.numi.ticket.ticket-claimed.v1"),
                    "ticket.notification-requested.v1 record with an unexpected ce_type (accepted: fr.numi.ticket.notification-requested.v1)");
        }

        @Test
        void shouldRefuseARecordWithoutItsEventId() {
            Message<byte[]> noId = Records.message(Contracts.example(TICKET_TOPIC), java.util.Map.of("ce_specversion", "1.0", "ce_source",
                    "/numi/ticket-service", "ce_type", "fr.numi.ticket.notification-requested.v1", "ce_time", "2026-11-26T09:40:00Z"));

            assertRefused(consumer, noId, "ticket.notification-requested.v1 record without ce_id");
        }
    }

    @Nested
    class UrgencyNotifications {

        @Test
        void shouldAskForTheInstructionsOnTheTicketsChannel() {
            // when
            consumers.urgencyNotification(deliver).accept(message(Contracts.example(URGENCY_TOPIC), "/numi/urgency-service",
                    "fr.numi.urgency.notification-requested.v1"));

            // then
            Notification n = delivered();
            assertThat(n.kind()).isEqualTo("CYBER_INSTRUCTIONS");
            assertThat(n.channel()).isEqualTo("WHATSAPP");
            assertThat(n.recipient()).isNull();
        }

        @Test
        void shouldRefuseTicketServicesTypeOnUrgencysTopic() {
            assertRefused(consumers.urgencyNotification(deliver), message(Contracts.example(URGENCY_TOPIC), "/numi/ticket-service",
                            "fr.numi.ticket.notification-requested.v1"),
                    "urgency.notification-requested.v1 record with an unexpected ce_type (accepted: fr.numi.urgency.notification-requested.v1)");
        }
    }

    @Nested
    class Surveys {

        final Consumer<Message<byte[]>> consumer = consumers.surveyRequested(deliver);

        Message<byte[]> surveyRecord(ObjectNode body) {
            return message(json.writeValueAsBytes(body), "/numi/feedback-service", "fr.numi.feedback.survey-requested.v1");
        }

        @Test
        void shouldAskTheQuestionOnTheTicketsChannel() {
            // when
            consumer.accept(surveyRecord(example(SURVEY_TOPIC)));

            // then
            Notification n = delivered();
            assertThat(n.survey()).isTrue();
            assertThat(n.notificationId()).isEqualTo("NUMI-7K3Q-9XMD:survey-requested");
            assertThat(n.text()).startsWith("Votre demande NUMI-7K3Q-9XMD est résolue.");
        }

        @Test
        void shouldRefuseASurveyWithoutItsIdOrWithAnUnknownChannel() {
            ObjectNode event = example(SURVEY_TOPIC);
            event.remove("surveyId");
            event.put("channel", "PIGEON");

            assertRefused(consumer, surveyRecord(event), "feedback.survey-requested.v1 record without surveyId; with an invalid channel");
        }
    }
}
