package fr.numi.intake.delivery.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Route;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The function beans of outbound delivery (bindings in application.yml): one record per call, so the binder's retries
 * and dead-letter topics apply. Each record is read by the {@link EventReader}: a record without a required attribute
 * or field, or with one out of its contract, is refused with a reason naming it ({@code RejectedEventException}),
 * retried, then dead-lettered. A delivery a provider refuses for good is dead-lettered at once (no retry) after its FAILED
 * status ({@code retryable-exceptions} in application.yml); one a provider cannot take for now is recorded in MongoDB for
 * a later retry and the call returns, so the partition moves on ({@code RetryDueDeliveries}, ADR 8).
 */
@Configuration(proxyBeanMethods = false)
class NotificationConsumers {

    static final String TICKET_ID = "NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}";
    static final String CUSTOMER_ID = "cus_[0-9a-f]{32}";
    static final String CHANNELS = "WEB|WHATSAPP|PHONE";

    static final Incoming<NotificationRequested> TICKET_NOTIFICATIONS = Incoming.of("ticket.notification-requested.v1",
            NotificationRequested.class, "fr.numi.ticket.notification-requested.v1");
    static final Incoming<NotificationRequested> URGENCY_NOTIFICATIONS = Incoming.of("urgency.notification-requested.v1",
            NotificationRequested.class, "fr.numi.urgency.notification-requested.v1");
    static final Incoming<SurveyRequested> SURVEYS = Incoming.of("feedback.survey-requested.v1", SurveyRequested.class,
            "fr.numi.feedback.survey-requested.v1");

    private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumers.class);

    /** Longer than the provider guard can take (time limit × attempts + back-off): one attempt, never the retry window. */
    private static final Duration AT_MOST = Duration.ofMinutes(3);

    /** {@code ticket.notification-requested.v1} and {@code urgency.notification-requested.v1} share one body shape. */
    record NotificationRequested(
            @NotBlank @Size(max = 300) String notificationId,
            @NotNull @Pattern(regexp = TICKET_ID) String ticketId,
            @NotNull @Pattern(regexp = CUSTOMER_ID) String customerId,
            @NotNull @Pattern(regexp = CHANNELS) String channel,
            @NotBlank String kind,
            @NotBlank @Size(max = 5000) String text,
            Instant requestedAt,
            @Valid RecipientBody recipient,
            @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*") String trackingRequestId) {

        /** Where ticket-service wants the message to go; every route but the tracking page writes to a contact. */
        record RecipientBody(@NotNull @Pattern(regexp = "WHATSAPP|SMS|EMAIL|TRACKING_PAGE") String route, @Valid ContactBody contact) {

            @AssertTrue
            boolean isContact() {
                return contact != null || route == null || Route.TRACKING_PAGE.name().equals(route);
            }
        }

        record ContactBody(@NotNull @Pattern(regexp = "EMAIL|PHONE|WHATSAPP") String kind, @NotBlank @Size(max = 320) String value) {}

        Notification notification() {
            Notification.Recipient to = recipient == null ? null : new Notification.Recipient(Route.valueOf(recipient.route()),
                    recipient.contact() == null ? null : recipient.contact().kind(),
                    recipient.contact() == null ? null : recipient.contact().value());
            return new Notification(notificationId, ticketId, customerId, channel, kind, text, requestedAt, to, trackingRequestId);
        }
    }

    /** {@code feedback.survey-requested.v1}. */
    record SurveyRequested(
            @NotBlank String surveyId,
            @NotNull @Pattern(regexp = TICKET_ID) String ticketId,
            @NotNull @Pattern(regexp = CUSTOMER_ID) String customerId,
            @NotNull @Pattern(regexp = CHANNELS) String channel,
            Integer level,
            Instant requestedAt) {

        Notification notification() {
            String question = "Votre demande " + ticketId + " est résolue. Êtes-vous satisfait de l'aide reçue ? "
                    + "Choisissez une note de 1 (pas du tout) à 5 (tout à fait).";
            return new Notification(surveyId, ticketId, customerId, channel, Notification.SURVEY, question, requestedAt);
        }
    }

    private final EventReader events;

    NotificationConsumers(EventReader events) {
        this.events = events;
    }

    @Bean
    Consumer<Message<byte[]>> ticketNotification(DeliverNotification deliver) {
        return message -> deliverUnlessErased(deliver, events.read(message, TICKET_NOTIFICATIONS));
    }

    @Bean
    Consumer<Message<byte[]>> urgencyNotification(DeliverNotification deliver) {
        return message -> deliverUnlessErased(deliver, events.read(message, URGENCY_NOTIFICATIONS));
    }

    /** A message whose text or contact was erased with the person (their key is gone) is not sent, and not an error. */
    private static void deliverUnlessErased(DeliverNotification deliver, ReceivedEvent<NotificationRequested> received) {
        if (received.personalDataErased()) {
            LOG.info("notification {} of ticket {} not delivered: the person's data was erased", received.body().notificationId(),
                    received.body().ticketId());
            return;
        }
        deliver.deliver(received.body().notification()).block(AT_MOST);
    }

    @Bean
    Consumer<Message<byte[]>> surveyRequested(DeliverNotification deliver) {
        return message -> deliver.deliver(events.read(message, SURVEYS).body().notification()).block(AT_MOST);
    }
}
